namespace Sweep.Core.Estimators;

/// <summary>The digamma function ψ at the positive integers, which is all kNN estimators need.</summary>
internal static class Digamma
{
    private const double EulerMascheroni = 0.57721566490153286061;

    /// <summary>ψ(1) … ψ(<paramref name="max"/>), at their own indices (entry 0 unused): ψ(1) = −γ, ψ(m + 1) = ψ(m) + 1/m.</summary>
    public static double[] TableUpTo(int max)
    {
        var table = new double[max + 1];
        table[0] = double.NaN;
        table[1] = -EulerMascheroni;
        for (var m = 1; m < max; m++)
        {
            table[m + 1] = table[m] + 1.0 / m;
        }

        return table;
    }
}
