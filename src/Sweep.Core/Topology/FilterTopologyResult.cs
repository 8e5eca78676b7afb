using Sweep.Core.Estimators;

namespace Sweep.Core.Topology;

/// <summary>
/// What the filter pipeline found. Counts at each stage (<see cref="Filters"/> in, <see cref="Contrasted"/> after
/// dropping near-constant ones, <see cref="Dense"/> in the density core), the <see cref="Landmarks"/> (normalized
/// filters, one a row; <see cref="LandmarkRows"/> are their rows in the input) and their <see cref="Barcodes"/>.
/// <see cref="CircleCount"/> is the number of H₁ bars whose persistence exceeds <see cref="CirclePersistence"/>
/// (1 is the primary circle); <see cref="LongestH1"/> is the most persistent H₁ bar, null when H₁ is empty.
/// </summary>
public sealed record FilterTopologyResult(
    int Filters,
    int Contrasted,
    int Dense,
    SampleMatrix Landmarks,
    int[] LandmarkRows,
    PersistenceBarcodes Barcodes,
    double CirclePersistence,
    int CircleCount,
    PersistenceInterval? LongestH1);
