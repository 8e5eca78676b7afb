using Sweep.Core.Estimators;

namespace Sweep.Core.Bounds;

/// <summary>
/// One training of a supersample group: the selector U ∈ {0,1}^n it trained on (it trained on Z̃_{i,U_i}) and its 0-1
/// losses on both halves of every pair, <see cref="Loss0"/>[i] = ℓ(W, Z̃_{i,0}) and <see cref="Loss1"/>[i] = ℓ(W, Z̃_{i,1}).
/// </summary>
public sealed record SupersampleTraining(bool[] U, bool[] Loss0, bool[] Loss1)
{
    /// <summary>(1/n)·Σ_i [ℓ(W, Z̃_{i,1−U_i}) − ℓ(W, Z̃_{i,U_i})]: held-out halves minus training halves.</summary>
    public double Gap()
    {
        var sum = 0;
        for (var i = 0; i < U.Length; i++)
        {
            var train = U[i] ? Loss1[i] : Loss0[i];
            var heldOut = U[i] ? Loss0[i] : Loss1[i];
            sum += (heldOut ? 1 : 0) - (train ? 1 : 0);
        }

        return (double)sum / U.Length;
    }
}

/// <summary>One conditional-MI bound of a group: its plug-in value, its upper confidence value (the bound) and the null check of the plug-in value.</summary>
public sealed record CmiTerm(double PlugIn, double Upper, IReadOnlyList<double> PerSamplePlugInMi, IReadOnlyList<double> PerSampleUpperMi, NullCheck Null);

/// <summary>The conditional-MI bounds of one supersample group (one Z̃, one Θ and θ0, M trainings), in nats, beside the measured gap of the same trainings.</summary>
public sealed record CmiGroupEstimate(int Trainings, int N, double Delta, CmiTerm EvaluatedCmi, CmiTerm LossDifference, double MeasuredGap, double MeasuredGapStandardError);

/// <summary>
/// The supersample bounds for a loss in [0,1] (Steinke &amp; Zakynthinou 2020 setting), conditional on the group's Z̃:
/// <list type="bullet">
/// <item>evaluated CMI (Hellström &amp; Durisi 2022): |E[gen | Z̃]| ≤ (1/n)·Σ_i sqrt(2·I^Z̃(L_i; U_i)), L_i = (ℓ(W,Z̃_{i,0}), ℓ(W,Z̃_{i,1}));</item>
/// <item>loss difference (Wang &amp; Mao 2023, Thm 3.1): |E[gen | Z̃]| ≤ (1/n)·Σ_i sqrt(2·I^Z̃(Δ_i; U_i)), Δ_i = ℓ(W,Z̃_{i,1}) − ℓ(W,Z̃_{i,0}).</item>
/// </list>
/// Each MI is between a variable of ≤ 4 values and one fair bit, estimated by plug-in from the M trainings; the bound
/// uses <see cref="FairBitMi.UpperConfidence"/> at δ/n per sample, so by the union bound over i all n upper values
/// hold together, and the bound with them, with probability ≥ 1 − δ over the M trainings.
/// </summary>
public static class SupersampleCmiBound
{
    public const string EvaluatedFormula = "(1/n)·Σ_i sqrt(2·I^Z̃(L_i; U_i)), L_i = (ℓ(W,Z̃_i0), ℓ(W,Z̃_i1))";
    public const string LossDifferenceFormula = "(1/n)·Σ_i sqrt(2·I^Z̃(Δ_i; U_i)), Δ_i = ℓ(W,Z̃_i1) − ℓ(W,Z̃_i0)";

    public const string Assumptions =
        "0-1 loss in [0,1] (so the constant is 2, σ = 1/2); U^j i.i.d. uniform on {0,1}^n, drawn independently of Z̃; " +
        "the M trainings of a group share Z̃, Θ and θ0 and are i.i.d. given them (their own U^j and batch-order seed); " +
        "the bound is on E[gen | Z̃, Θ] (held-out halves minus training halves), and E over Z̃ and Θ is the mean over groups";

    public const string Confidence =
        "I(X;U) = JS(P(X|U=0), P(X|U=1)) ≤ ln 2 · TV; TV bounded by exact Clopper–Pearson limits on every event of the alphabet, " +
        "union bound over the events and over the n samples: each group's bound holds with probability ≥ 1 − δ over its M trainings";

    public static CmiGroupEstimate Estimate(IReadOnlyList<SupersampleTraining> trainings, double delta, int nullRepetitions, long seed)
    {
        if (trainings.Count < 2)
        {
            throw new EstimatorInputException($"A supersample group needs at least 2 trainings; got {trainings.Count}.", nameof(trainings));
        }

        var n = trainings[0].U.Length;
        if (n == 0 || trainings.Any(t => t.U.Length != n || t.Loss0.Length != n || t.Loss1.Length != n))
        {
            throw new EstimatorInputException("Every training of a group must carry U, and the losses on both halves, for the same n > 0 pairs.", nameof(trainings));
        }

        var evaluated = Term(trainings, PairIndex, levels: 4, delta / n, nullRepetitions, Randomness.SeedDerivation.Derive(seed, "cmi-evaluated-null"));
        var difference = Term(trainings, DifferenceIndex, levels: 3, delta / n, nullRepetitions, Randomness.SeedDerivation.Derive(seed, "cmi-difference-null"));
        var gaps = trainings.Select(t => t.Gap()).ToArray();
        var mean = gaps.Average();
        var se = Math.Sqrt(gaps.Sum(g => (g - mean) * (g - mean)) / (gaps.Length - 1) / gaps.Length);
        return new CmiGroupEstimate(trainings.Count, n, delta, evaluated, difference, mean, se);
    }

    /// <summary>L_i as one of 4 values: ℓ0 + 2·ℓ1.</summary>
    public static int PairIndex(SupersampleTraining t, int i) => (t.Loss0[i] ? 1 : 0) + (t.Loss1[i] ? 2 : 0);

    /// <summary>Δ_i + 1 ∈ {0, 1, 2}.</summary>
    public static int DifferenceIndex(SupersampleTraining t, int i) => 1 + (t.Loss1[i] ? 1 : 0) - (t.Loss0[i] ? 1 : 0);

    private static CmiTerm Term(IReadOnlyList<SupersampleTraining> trainings, Func<SupersampleTraining, int, int> variable, int levels, double perSampleDelta, int nullRepetitions, long seed)
    {
        var n = trainings[0].U.Length;
        var plugIn = new double[n];
        var upper = new double[n];
        for (var i = 0; i < n; i++)
        {
            var xs = trainings.Select(t => variable(t, i)).ToArray();
            var us = trainings.Select(t => t.U[i]).ToArray();
            plugIn[i] = FairBitMi.PlugIn(xs, us, levels);
            upper[i] = FairBitMi.UpperConfidence(xs, us, levels, perSampleDelta);
        }

        // Null: the U of pair j taken from training π[j], the same π for every i (trainings permuted, true MI 0).
        var check = PermutationNull.Run(
            trainings.Count,
            permutation => Enumerable.Range(0, n).Average(i =>
                Term(FairBitMi.PlugIn(trainings.Select(t => variable(t, i)).ToArray(), permutation.Select(j => trainings[j].U[i]).ToArray(), levels))),
            nullRepetitions,
            seed);
        return new CmiTerm(plugIn.Average(Term), upper.Average(Term), plugIn, upper, check);
    }

    /// <summary>sqrt(2·I): one sample's term (loss in [0,1]).</summary>
    public static double Term(double informationNats) => Math.Sqrt(2 * Math.Max(0, informationNats));
}
