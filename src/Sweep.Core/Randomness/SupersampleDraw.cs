namespace Sweep.Core.Randomness;

/// <summary>
/// The supersample of a CMI group and the selector of one training, pure (no Torch, no data), so the data loader and
/// the estimator agree. <see cref="Rows"/> draws the 2n pool rows of Z̃ once from the group's seed: Z̃_{i,0} is pool
/// row [i] and Z̃_{i,1} is pool row [n + i]. <see cref="Selector"/> draws U ∈ {0,1}^n (fair, independent bits) from a
/// training's data seed, and the training set is (Z̃_{i,U_i})_i.
/// </summary>
public static class SupersampleDraw
{
    public static int[] Rows(int poolSize, int n, long supersampleSeed)
    {
        if (2L * n > poolSize)
        {
            throw new ArgumentOutOfRangeException(nameof(n), $"A supersample of 2n = {2L * n} distinct examples needs a pool of at least that many; the pool has {poolSize}.");
        }

        return SampleDraw.WithoutReplacement(poolSize, 2 * n, supersampleSeed);
    }

    public static bool[] Selector(int n, long dataSeed)
    {
        var random = new SplitMix64(SeedDerivation.Derive(dataSeed, "supersample-selector"));
        var u = new bool[n];
        for (var i = 0; i < n; i++)
        {
            u[i] = (random.NextUInt64() & 1) == 1;
        }

        return u;
    }

    /// <summary>The pool rows of the training set: row i is Z̃_{i,U_i}.</summary>
    public static int[] TrainingRows(int[] supersampleRows, bool[] selector)
    {
        var n = selector.Length;
        var rows = new int[n];
        for (var i = 0; i < n; i++)
        {
            rows[i] = supersampleRows[selector[i] ? n + i : i];
        }

        return rows;
    }

    /// <summary>
    /// The 0-1 losses on both halves as text: character i is ℓ(W, Z̃_{i,0}) and character n + i is ℓ(W, Z̃_{i,1}),
    /// '1' for a misclassified example. Compact in the journal and in JSON.
    /// </summary>
    public static string EncodeLosses(bool[] onHalf0, bool[] onHalf1) =>
        string.Concat(onHalf0.Select(l => l ? '1' : '0')) + string.Concat(onHalf1.Select(l => l ? '1' : '0'));

    public static (bool[] OnHalf0, bool[] OnHalf1) DecodeLosses(string losses)
    {
        if (losses.Length % 2 != 0 || losses.Any(c => c is not ('0' or '1')))
        {
            throw new FormatException($"Supersample losses must be an even number of '0'/'1' characters; got {losses.Length} characters.");
        }

        var n = losses.Length / 2;
        return ([.. losses.Take(n).Select(c => c == '1')], [.. losses.Skip(n).Select(c => c == '1')]);
    }
}
