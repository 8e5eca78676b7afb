using Sweep.Core.Specs;

namespace Sweep.Core.Tests.Specs;

/// <summary>Specs that used to be accepted although wrong or ambiguous, files that are not specs, grids too large to hold.</summary>
public sealed class SpecHardeningTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sweep-spec-").FullName;

    [Theory]
    // field, the line it must name, the change, a phrase of the message
    [InlineData("bound.sigma", 26, "  seeds: 2", "  seeds: 2\nbound:\n  sigma: 0.3", "below 1/2")]
    [InlineData("training.steps", 21, "  epochs: 2", "  epochs: 2\n  steps: 100", "either epochs or steps")]
    [InlineData("training.batch_size", 21, "  batch_size: 50", "  batch_size: 600", "larger than train_size = 500")]
    [InlineData("grid.batch_size", 25, "  seeds: 2", "  seeds: 2\n  batch_size: [50, 800]", "batch_size = 800 is larger than train_size = 500")]
    [InlineData("training.batch_size", 21, "  seeds: 2", "  seeds: 2\n  train_size: [40, 500]", "batch_size = 50 is larger than train_size = 40")]
    [InlineData("(spec)", 26, "  seeds: 2", "  seeds: 2\n---\nname: other", "second one starts here")]
    [InlineData("name", 1, "name: demo", "name: café", "ASCII letters")]
    [InlineData("(yaml syntax)", 20, "  epochs: 2", " \tepochs: 2", "a tab in the indentation")]
    [InlineData("grid", 23, "  seeds: 2", "  seeds: 1000000\n  learning_rate: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 2.0, 2.1, 2.2, 2.3, 2.4, 2.5, 2.6, 2.7, 2.8, 2.9, 3.0, 3.1, 3.2, 3.3, 3.4, 3.5, 3.6, 3.7, 3.8, 3.9, 4.0, 4.1, 4.2, 4.3, 4.4, 4.5, 4.6, 4.7, 4.8, 4.9, 5.0]", "holds 100,000,000 trials")]
    public void Wrong_or_ambiguous_spec_is_refused_at_its_line(string field, int line, string original, string changed, string phrase)
    {
        var e = Assert.Throws<SpecValidationException>(() => SpecReader.Read(SpecSamples.With(original, changed), "s.yaml"));

        var error = Assert.Single(e.Errors, x => x.Field == field);
        Assert.Equal(line, error.Line);
        Assert.Contains(phrase, error.Message);
    }

    [Fact]
    public void A_name_too_long_for_a_folder_is_refused_before_anything_runs()
    {
        var e = Assert.Throws<SpecValidationException>(() => SpecReader.Read(SpecSamples.With("name: demo", "name: " + new string('a', 300)), "s.yaml"));

        Assert.Contains(e.Errors, x => x.Field == "name" && x.Message.Contains("300 characters long; at most 100", StringComparison.Ordinal));
    }

    [Fact]
    public void Sigma_above_one_half_is_valid_only_looser()
    {
        Assert.Equal(0.75, SpecReader.Read(SpecSamples.With("  seeds: 2", "  seeds: 2\nbound:\n  sigma: 0.75")).Bound.Sigma);
    }

    [Fact]
    public void A_file_that_is_not_a_spec_is_refused_as_such_naming_it()
    {
        var large = Path.Combine(_folder, "large.yaml");
        File.WriteAllText(large, SpecSamples.Valid + new string('#', SpecReader.MaxSpecBytes));
        var binary = Path.Combine(_folder, "binary.yaml");
        File.WriteAllBytes(binary, [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00]);
        var latin1 = Path.Combine(_folder, "latin1.yaml");
        File.WriteAllBytes(latin1, [.. "name: caf"u8, 0xE9, (byte)'\n']);

        foreach (var (path, phrase) in new[] { (large, "larger than 1024 KiB"), ("/dev/zero", "larger than 1024 KiB"), (binary, "not a text file"), (latin1, "not UTF-8 text") })
        {
            var e = Assert.Throws<SpecValidationException>(() => SpecReader.ReadFile(path));

            var error = Assert.Single(e.Errors);
            Assert.Equal(path, error.File);
            Assert.Contains(phrase, error.Message);
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
