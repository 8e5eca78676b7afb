namespace Sweep.Core.Topology;

/// <summary>
/// What to compute: homology up to <see cref="MaxDimension"/> (0 or 1), over the Rips complexes whose edges are at
/// most <see cref="Threshold"/> long (null: no threshold, i.e. up to the enclosing radius).
/// </summary>
public sealed record RipsOptions(int MaxDimension = 1, double? Threshold = null)
{
    public static RipsOptions Default { get; } = new();

    public void Validate()
    {
        if (MaxDimension is not (0 or 1))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDimension), MaxDimension, "The maximum homology dimension must be 0 or 1.");
        }

        if (Threshold is { } t && (double.IsNaN(t) || t < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(Threshold), t, "The threshold must be a non-negative number.");
        }
    }
}
