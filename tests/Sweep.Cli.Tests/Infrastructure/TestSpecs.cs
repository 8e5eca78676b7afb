namespace Sweep.Cli.Tests.Infrastructure;

/// <summary>Small real specs for process tests, and a folder to run them in.</summary>
internal static class TestSpecs
{
    /// <summary>6 trials of about 2 s each on one core: long enough to kill a process inside a trial.</summary>
    public const string Killable = """
        name: killable
        seed: 11
        dataset:
          name: synthetic
          features: 20
          classes: 4
          separation: 4.0
          pool_size: 4000
          train_size: 2000
          test_size: 1000
        model:
          kind: mlp
          widths: [20, 256, 256, 4]
        projection:
          kind: orthonormal
        quantization:
          levels: 32
          range: 1.0
        training:
          optimizer: adam
          learning_rate: 0.05
          epochs: 50
          batch_size: 100
        grid:
          d: [5, 10, 20]
          seeds: 2
        """;

    /// <summary>Quick trials (well under a second) for tests of the commands themselves.</summary>
    public const string Quick = """
        name: quick
        seed: 3
        dataset:
          name: synthetic
          features: 8
          classes: 3
          separation: 4.0
          pool_size: 600
          train_size: 300
          test_size: 300
        model:
          kind: mlp
          widths: [8, 16, 3]
        projection:
          kind: orthonormal
        quantization:
          levels: 16
          range: 1.0
        training:
          optimizer: adam
          learning_rate: 0.05
          epochs: 3
          batch_size: 50
        grid:
          d: [4]
          seeds: 2
        """;

    /// <summary>One trial of <see cref="Quick"/> that diverges at once (SGD at learning rate 1e30): the loss is NaN within a few steps of every attempt.</summary>
    public static readonly string Diverging = Quick
        .Replace("name: quick", "name: diverging")
        .Replace("optimizer: adam", "optimizer: sgd")
        .Replace("learning_rate: 0.05", "learning_rate: 1e30")
        .Replace("range: 1.0", "range: 1.0\n  aware: false")
        .Replace("seeds: 2", "seeds: 1");

    public static string Folder(string prefix) => Directory.CreateTempSubdirectory("sweep-" + prefix + "-").FullName;

    public static string Write(string folder, string name, string yaml)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, yaml);
        return path;
    }
}
