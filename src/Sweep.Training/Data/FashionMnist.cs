using System.Collections.Concurrent;

namespace Sweep.Training.Data;

/// <summary>A dataset's training pool and its fixed test split.</summary>
public sealed record DatasetSplits(TabularDataset TrainPool, TabularDataset Test);

/// <summary>
/// Loads Fashion-MNIST from its IDX files (plain or <c>.gz</c>), as 784 standardized pixel features and 10 classes.
/// Pixels are scaled to [0, 1] and then standardized with the fixed constants <see cref="Mean"/> and
/// <see cref="Std"/>. Each folder is read once per process and shared, since trainer threads load the same files.
/// </summary>
public static class FashionMnist
{
    public const float Mean = 0.2860f;
    public const float Std = 0.3530f;
    public const int Classes = 10;
    public const int ImageSide = 28;

    private static readonly ConcurrentDictionary<string, Lazy<DatasetSplits>> Cache = new(StringComparer.Ordinal);

    /// <summary>The training pool (60,000 images) and test split (10,000) in <paramref name="folder"/>, cached per full path.</summary>
    public static DatasetSplits Load(string folder)
    {
        var key = Path.GetFullPath(folder);
        var lazy = Cache.GetOrAdd(key, k => new Lazy<DatasetSplits>(() => LoadUncached(k), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // Do not cache a failure: the files may be installed while the process keeps running.
            Cache.TryRemove(new KeyValuePair<string, Lazy<DatasetSplits>>(key, lazy));
            throw;
        }
    }

    private static DatasetSplits LoadUncached(string folder) => new(
        ReadSplit(folder, "train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
        ReadSplit(folder, "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"));

    private static TabularDataset ReadSplit(string folder, string imagesName, string labelsName)
    {
        var imagesPath = Locate(folder, imagesName);
        var labelsPath = Locate(folder, labelsName);
        var images = IdxReader.ReadImages(imagesPath);
        var labels = IdxReader.ReadLabels(labelsPath);
        if (images.Dimensions[1] != ImageSide || images.Dimensions[2] != ImageSide)
        {
            throw new InvalidDataException(
                $"IDX file '{imagesPath}' holds {images.Dimensions[1]}x{images.Dimensions[2]} images, expected {ImageSide}x{ImageSide}.");
        }

        if (images.Dimensions[0] != labels.Dimensions[0])
        {
            throw new InvalidDataException(
                $"'{imagesPath}' holds {images.Dimensions[0]} images but '{labelsPath}' holds {labels.Dimensions[0]} labels.");
        }

        var features = new float[images.Data.Length];
        for (var i = 0; i < features.Length; i++)
        {
            features[i] = (images.Data[i] / 255f - Mean) / Std;
        }

        var classes = Array.ConvertAll(labels.Data, b => (int)b);
        if (Array.FindIndex(classes, c => c >= Classes) is var bad and >= 0)
        {
            throw new InvalidDataException($"IDX file '{labelsPath}' has label {classes[bad]} at row {bad}; Fashion-MNIST has {Classes} classes.");
        }

        return new TabularDataset(features, classes, ImageSide * ImageSide, Classes);
    }

    private static string Locate(string folder, string name)
    {
        var plain = Path.Combine(folder, name);
        if (File.Exists(plain))
        {
            return plain;
        }

        var gzipped = plain + ".gz";
        if (File.Exists(gzipped))
        {
            return gzipped;
        }

        throw new FileNotFoundException(
            $"Fashion-MNIST file '{gzipped}' not found (nor '{plain}'). Install it with 'apt-get install dataset-fashion-mnist' " +
            $"(it puts the files in {Sweep.Core.Specs.DatasetSpec.DefaultFashionMnistPath}), or set dataset.path.",
            gzipped);
    }
}
