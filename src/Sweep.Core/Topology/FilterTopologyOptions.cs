namespace Sweep.Core.Topology;

/// <summary>
/// The parameters of the filter pipeline (DESIGN.md 1.5). <see cref="K"/> and <see cref="KeepFraction"/> (p) define
/// the density core X(K, p); the natural-image work used K = 300, p = 30% on 50,000 patches, and no values are
/// published for CNN filters, so they are exposed. <see cref="Landmarks"/> caps the cloud handed to Rips.
/// <see cref="CirclePersistence"/> is the H₁ persistence above which a bar counts as a circle: the filters lie on the
/// unit sphere (distances ≤ 2), where a round great circle of filters persists about 1.7 and sampling loops of a few
/// hundred points stay far below 0.5.
/// </summary>
public sealed record FilterTopologyOptions(
    int K = 10,
    double KeepFraction = 0.3,
    int Landmarks = 300,
    double MinContrast = FilterNormalization.DefaultMinContrast,
    double CirclePersistence = 0.5)
{
    public static FilterTopologyOptions Default { get; } = new();

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(K, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(Landmarks, 2);
        if (!(KeepFraction > 0 && KeepFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(KeepFraction), KeepFraction, "The kept fraction p must lie in (0, 1].");
        }

        if (!(MinContrast >= 0 && MinContrast < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(MinContrast), MinContrast, "The minimum contrast must lie in [0, 1).");
        }

        if (!(CirclePersistence > 0) || double.IsInfinity(CirclePersistence))
        {
            throw new ArgumentOutOfRangeException(nameof(CirclePersistence), CirclePersistence, "The circle persistence threshold must be a positive number.");
        }
    }
}
