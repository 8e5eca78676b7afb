namespace Sweep.Core.Topology;

/// <summary>
/// One bar of a barcode: a homology class born at filtration value <see cref="Birth"/> that dies at
/// <see cref="Death"/>, or never (an essential class, <see cref="Death"/> = +∞) within the filtration's threshold.
/// </summary>
public readonly record struct PersistenceInterval(double Birth, double Death)
{
    public bool IsEssential => double.IsPositiveInfinity(Death);

    /// <summary>Death − birth; +∞ for an essential class.</summary>
    public double Persistence => Death - Birth;
}
