using Sweep.Core.Specs;
using Sweep.Reporting;

namespace Sweep.Cli.Tests.Infrastructure;

/// <summary>Small real specs for process tests, and a folder to run them in.</summary>
internal static class TestSpecs
{
    /// <summary>6 trials of about 2 s each on one core (<see cref="SpecYaml.Killable"/>).</summary>
    public const string Killable = SpecYaml.Killable;

    /// <summary>Quick trials, well under a second (<see cref="SpecYaml.Quick"/>).</summary>
    public const string Quick = SpecYaml.Quick;

    /// <summary>A LoRA rank sweep of 6 trials (<see cref="SpecYaml.TinyLora"/>).</summary>
    public const string Lora = SpecYaml.TinyLora;

    /// <summary>One trial of <see cref="Quick"/> that diverges at once (SGD at learning rate 1e30): the loss is NaN within a few steps of every attempt.</summary>
    public static readonly string Diverging = Quick
        .With("name: quick", "name: diverging")
        .With("optimizer: adam", "optimizer: sgd")
        .With("learning_rate: 0.05", "learning_rate: 1e30")
        .With("range: 1.0", "range: 1.0\n  aware: false")
        .With("seeds: 2", "seeds: 1");

    public static string Folder(string prefix) => Directory.CreateTempSubdirectory("sweep-" + prefix + "-").FullName;

    /// <summary>Where <c>sweep run</c> in <paramref name="folder"/> writes the results of <paramref name="yaml"/> (the default results root).</summary>
    public static string ResultsFolderOf(string folder, string yaml) =>
        ResultsFolder.PathFor(Path.Combine(folder, "results"), SpecHash.SweepIdOf(SpecReader.Read(yaml)).Value);

    public static string Write(string folder, string name, string yaml)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, yaml);
        return path;
    }
}
