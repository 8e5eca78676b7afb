namespace Sweep.Training.Data;

/// <summary>
/// A labelled classification dataset held in memory: <see cref="Features"/> is row-major
/// <see cref="Count"/> × <see cref="FeatureCount"/>, <see cref="Labels"/> are class indices in [0, <see cref="Classes"/>).
/// </summary>
public sealed class TabularDataset
{
    public TabularDataset(float[] features, int[] labels, int featureCount, int classes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        if ((long)labels.Length * featureCount != features.Length)
        {
            throw new ArgumentException(
                $"{features.Length} feature values do not make {labels.Length} rows of {featureCount} features.", nameof(features));
        }

        var bad = Array.FindIndex(labels, l => l < 0 || l >= classes);
        if (bad >= 0)
        {
            throw new ArgumentException($"Label {labels[bad]} at row {bad} is outside [0, {classes}).", nameof(labels));
        }

        Features = features;
        Labels = labels;
        FeatureCount = featureCount;
        Classes = classes;
    }

    public float[] Features { get; }

    public int[] Labels { get; }

    public int FeatureCount { get; }

    public int Classes { get; }

    /// <summary>The number of samples (rows).</summary>
    public int Count => Labels.Length;

    /// <summary>The rows at <paramref name="indices"/>, in that order.</summary>
    public TabularDataset Subset(IReadOnlyList<int> indices)
    {
        var features = new float[(long)indices.Count * FeatureCount];
        var labels = new int[indices.Count];
        for (var i = 0; i < indices.Count; i++)
        {
            var row = indices[i];
            if ((uint)row >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), $"Row {row} is outside a dataset of {Count} samples.");
            }

            Features.AsSpan(row * FeatureCount, FeatureCount).CopyTo(features.AsSpan(i * FeatureCount));
            labels[i] = Labels[row];
        }

        return new TabularDataset(features, labels, FeatureCount, Classes);
    }

    /// <summary>The rows whose label is one of <paramref name="classes"/>, in their order; labels keep their values.</summary>
    public TabularDataset OfClasses(IReadOnlyCollection<int> classes)
    {
        if (classes.Any(c => c < 0 || c >= Classes))
        {
            throw new ArgumentOutOfRangeException(
                nameof(classes), $"Classes {{{string.Join(", ", classes)}}} must lie in [0, {Classes}).");
        }

        var keep = classes.ToHashSet();
        var rows = new List<int>();
        for (var i = 0; i < Count; i++)
        {
            if (keep.Contains(Labels[i]))
            {
                rows.Add(i);
            }
        }

        return Subset(rows);
    }

    /// <summary>The first <paramref name="count"/> rows.</summary>
    public TabularDataset Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count);
        return new TabularDataset(Features[..(count * FeatureCount)], Labels[..count], FeatureCount, Classes);
    }
}
