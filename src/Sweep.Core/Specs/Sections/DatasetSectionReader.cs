using YamlDotNet.RepresentationModel;

namespace Sweep.Core.Specs.Sections;

/// <summary>
/// Reads the <c>dataset:</c> section: Fashion-MNIST (IDX files under <c>path</c>) or a seeded synthetic mixture.
/// Whether the IDX files exist is a fact about the machine that trains, so it is checked only when
/// <c>trainsHere</c> says this machine is that one.
/// </summary>
internal static class DatasetSectionReader
{
    private static readonly Dictionary<string, DatasetKind> Names = new()
    {
        ["fashion-mnist"] = DatasetKind.FashionMnist,
        ["synthetic"] = DatasetKind.Synthetic,
    };

    private static readonly string[] SyntheticOnlyKeys = ["features", "classes", "separation", "pool_size", "seed"];

    private static readonly string[] FashionMnistFiles = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    public static DatasetSpec? Read(YamlFieldReader r, YamlMappingNode root, bool trainsHere)
    {
        var node = r.Section(root, "", "dataset", required: true);
        if (node is null)
        {
            return null;
        }

        r.RejectUnknownKeys(node, "dataset", ["name", "path", "train_size", "test_size", .. SyntheticOnlyKeys]);
        var kind = r.Enum(node, "dataset", "name", required: true, Names);
        var trainSize = r.Int(node, "dataset", "train_size", required: true, min: 1);
        return kind switch
        {
            DatasetKind.FashionMnist => ReadFashionMnist(r, node, trainSize, trainsHere),
            DatasetKind.Synthetic => ReadSynthetic(r, node, trainSize),
            _ => null,
        };
    }

    private static DatasetSpec? ReadFashionMnist(YamlFieldReader r, YamlMappingNode node, int? trainSize, bool trainsHere)
    {
        foreach (var key in SyntheticOnlyKeys)
        {
            if (r.Child(node, key) is { } extra)
            {
                r.Error(extra, "dataset." + key, "applies only to the synthetic dataset");
            }
        }

        var path = r.String(node, "dataset", "path", required: false, fallback: DatasetSpec.DefaultFashionMnistPath)!;
        if (trainsHere && MissingIdxFile(path) is { } missing)
        {
            r.Error(r.Child(node, "path") ?? node, "dataset.path", $"{path} has no {missing}[.gz]; install the Debian package dataset-fashion-mnist (scripts/setup) or point dataset.path at the IDX files");
        }

        var testSize = r.Int(node, "dataset", "test_size", required: false, fallback: 10_000, min: 1, max: 10_000);
        if (trainSize > 60_000)
        {
            r.Error(r.Child(node, "train_size"), "dataset.train_size", $"Fashion-MNIST has 60000 training images, asked for {trainSize}");
            return null;
        }

        return trainSize is null || testSize is null ? null : new DatasetSpec(DatasetKind.FashionMnist, path, trainSize.Value, testSize.Value, null);
    }

    private static DatasetSpec? ReadSynthetic(YamlFieldReader r, YamlMappingNode node, int? trainSize)
    {
        if (r.Child(node, "path") is { } pathNode)
        {
            r.Error(pathNode, "dataset.path", "applies only to file datasets");
        }

        var features = r.Int(node, "dataset", "features", required: false, fallback: 20, min: 1, max: 100_000);
        var classes = r.Int(node, "dataset", "classes", required: false, fallback: 4, min: 2, max: 10_000);
        var separation = r.Double(node, "dataset", "separation", required: false, fallback: 3.0, min: 0, exclusiveMin: true);
        var pool = r.Int(node, "dataset", "pool_size", required: false, fallback: Math.Max(trainSize ?? 1, 10_000), min: 1);
        var dataSeed = r.Int(node, "dataset", "seed", required: false, fallback: 0, min: 0);
        var testSize = r.Int(node, "dataset", "test_size", required: false, fallback: 2_000, min: 1);
        if (trainSize > pool)
        {
            r.Error(r.Child(node, "train_size"), "dataset.train_size", $"is larger than dataset.pool_size ({pool})");
            return null;
        }

        if (trainSize is null || features is null || classes is null || separation is null || pool is null || dataSeed is null || testSize is null)
        {
            return null;
        }

        return new DatasetSpec(DatasetKind.Synthetic, null, trainSize.Value, testSize.Value,
            new SyntheticSpec(features.Value, classes.Value, separation.Value, pool.Value, dataSeed.Value));
    }

    /// <summary>The first Fashion-MNIST IDX file missing from <paramref name="folder"/> (plain or gzipped), or null.</summary>
    private static string? MissingIdxFile(string folder) =>
        FashionMnistFiles.FirstOrDefault(f => !File.Exists(Path.Combine(folder, f)) && !File.Exists(Path.Combine(folder, f + ".gz")));
}
