namespace Sweep.Core.Topology;

/// <summary>
/// The barcodes of a Vietoris–Rips filtration over Z/2: <see cref="H0"/> (connected components; every bar is born at
/// 0) and <see cref="H1"/> (loops), each sorted by birth, then death. Bars of zero length are left out, as Ripser
/// leaves them out. <see cref="Threshold"/> is the largest edge length the filtration used: the requested threshold,
/// or the enclosing radius when that is smaller (past it the complex is a cone, so no bar changes).
/// <see cref="H1"/> is empty when only dimension 0 was computed (<see cref="MaxDimension"/> = 0).
/// </summary>
public sealed record PersistenceBarcodes(
    int Points,
    int MaxDimension,
    double Threshold,
    IReadOnlyList<PersistenceInterval> H0,
    IReadOnlyList<PersistenceInterval> H1)
{
    public IReadOnlyList<PersistenceInterval> Dimension(int dimension) => dimension switch
    {
        0 => H0,
        1 => H1,
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Only dimensions 0 and 1 are computed."),
    };
}
