using Sweep.Core.Specs;
using Sweep.Training.Data;

namespace Sweep.Training.RateDistortion;

/// <summary>
/// X, a bound on ‖x‖ over a dataset's whole input domain (not over the sample), which the Lipschitz form of the
/// rate-distortion bound needs; null where the domain is unbounded.
/// </summary>
public static class InputDomain
{
    /// <summary>
    /// Fashion-MNIST: 784 pixels in [0, 1] standardized by fixed constants, so each feature lies in
    /// [−mean/std, (1 − mean)/std] and ‖x‖ ≤ √784·max(mean, 1 − mean)/std. Synthetic Gaussian inputs are unbounded.
    /// </summary>
    public static double? Radius(DatasetSpec dataset) => dataset.Kind switch
    {
        DatasetKind.FashionMnist => Math.Sqrt(28 * 28) * Math.Max(FashionMnist.Mean, 1 - FashionMnist.Mean) / FashionMnist.Std,
        _ => null,
    };
}
