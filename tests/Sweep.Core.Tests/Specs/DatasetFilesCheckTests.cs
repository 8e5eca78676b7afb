using Sweep.Core.Specs;

namespace Sweep.Core.Tests.Specs;

/// <summary>Whether the dataset's files exist is checked only on the machine that will train (trainsHere).</summary>
public sealed class DatasetFilesCheckTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sweep-fm-").FullName;

    private string FashionSpec(string path) => SpecSamples
        .With("  name: synthetic\n  features: 20\n  classes: 4\n  pool_size: 2000\n", $"  name: fashion-mnist\n  path: {path}\n")
        .Replace("widths: [20, 16, 4]", "widths: [784, 16, 10]");

    [Fact]
    public void A_machine_that_trains_is_told_which_idx_file_is_missing_and_where()
    {
        var e = Assert.Throws<SpecValidationException>(() => SpecReader.Read(FashionSpec(_folder), "fm.yaml", trainsHere: true));

        var error = Assert.Single(e.Errors);
        Assert.Equal("dataset.path", error.Field);
        Assert.Equal(5, error.Line);
        Assert.Contains($"{_folder} has no train-images-idx3-ubyte[.gz]", error.Message);
    }

    [Fact]
    public void A_spec_read_for_submission_elsewhere_does_not_look_for_the_files()
    {
        var spec = SpecReader.Read(FashionSpec(_folder), "fm.yaml");

        Assert.Equal(DatasetKind.FashionMnist, spec.Dataset.Kind);
        Assert.Equal(_folder, spec.Dataset.Path);
    }

    [Fact]
    public void Gzipped_idx_files_are_enough_for_a_machine_that_trains()
    {
        foreach (var name in new[] { "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte" })
        {
            File.WriteAllBytes(Path.Combine(_folder, name + ".gz"), [0]);
        }

        var spec = SpecReader.Read(FashionSpec(_folder), "fm.yaml", trainsHere: true);

        Assert.Equal(_folder, spec.Dataset.Path);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
