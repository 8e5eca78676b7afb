namespace Sweep.Core.Topology;

/// <summary>
/// A simplex of the Rips filtration: its diameter and its index in the combinatorial number system (an edge
/// {i &gt; j} is C(i, 2) + j; a triangle {a &gt; b &gt; c} is C(a, 3) + C(b, 2) + c). Simplices enter the filtration by
/// diameter, ties broken by larger index first (Ripser's order); <see cref="None"/> (index -1) stands for no simplex.
/// </summary>
internal readonly record struct FiltrationEntry(double Diameter, long Index) : IComparable<FiltrationEntry>
{
    public static FiltrationEntry None { get; } = new(double.NaN, -1);

    public bool Exists => Index >= 0;

    /// <summary>True when <paramref name="a"/> enters the filtration before <paramref name="b"/>.</summary>
    public static bool Before(in FiltrationEntry a, in FiltrationEntry b) =>
        a.Diameter < b.Diameter || (a.Diameter == b.Diameter && a.Index > b.Index);

    /// <summary>Filtration order: sorting ascending puts the earliest simplex first.</summary>
    public int CompareTo(FiltrationEntry other) =>
        Diameter != other.Diameter ? Diameter.CompareTo(other.Diameter) : other.Index.CompareTo(Index);
}
