using Sweep.Core.Lora;

namespace Sweep.Core.Bounds;

/// <summary>
/// The LoRA quantization bound (Zhu et al. 2024). Adapters W = W0 + (α/r)·B·A on the adapted matrices; each of the
/// p trained numbers lies on a fixed, data-independent grid of 2^q levels, so I(W; S_n | W0, frozen factor) ≤
/// p·q·ln 2 nats and, for a σ-sub-Gaussian loss, |gen| ≤ sqrt(2σ²·q·ln2·p / n), with p = r·Σd_out (B-only),
/// r·Σd_in (A-only) or r·Σ(d_in + d_out) (both).
/// </summary>
public static class LoraQuantizationBound
{
    public const double DefaultSigma = 0.5;

    public const string Assumptions =
        "loss σ-sub-Gaussian (σ=1/2 for the 0-1 loss); each trained adapter number quantized to q bits on a fixed " +
        "data-independent grid; the base weights W0 (pretrained on other data) and the frozen factor (drawn from the " +
        "trial seed) independent of the fine-tuning data; train and test error measured with the quantized adapters; " +
        "I(W;S|W0,frozen) ≤ p·q·ln 2 nats with p the trained parameter count";

    /// <summary>p: r·Σd_out for B-only, r·Σd_in for A-only, r·Σ(d_in + d_out) for both.</summary>
    public static long TrainableParameters(LoraMode mode, int rank, IReadOnlyList<AdaptedShape> shapes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rank);
        ArgumentNullException.ThrowIfNull(shapes);
        if (shapes.Count == 0)
        {
            throw new ArgumentException("At least one matrix must be adapted.", nameof(shapes));
        }

        long total = 0;
        foreach (var shape in shapes)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shape.Inputs, nameof(shapes));
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shape.Outputs, nameof(shapes));
            total = checked(total + shape.TrainableParameters(mode, rank));
        }

        return total;
    }

    /// <summary>The mutual-information budget p·q·ln 2, in nats.</summary>
    public static double InformationNats(LoraMode mode, int rank, IReadOnlyList<AdaptedShape> shapes, int bits)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bits);
        return TrainableParameters(mode, rank, shapes) * (double)bits * Math.Log(2);
    }

    /// <summary>sqrt(2σ²·q·ln2·p / n).</summary>
    public static double Compute(LoraMode mode, int rank, IReadOnlyList<AdaptedShape> shapes, int bits, int n, double sigma = DefaultSigma)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sigma);
        return Math.Sqrt(2 * sigma * sigma * InformationNats(mode, rank, shapes, bits) / n);
    }

    /// <summary>The bound with everything that went into it, for reports.</summary>
    public static LoraBound Evaluate(LoraMode mode, int rank, IReadOnlyList<AdaptedShape> shapes, int bits, int n, double sigma = DefaultSigma) => new(
        Compute(mode, rank, shapes, bits, n, sigma),
        InformationNats(mode, rank, shapes, bits),
        TrainableParameters(mode, rank, shapes),
        mode,
        rank,
        bits,
        n,
        sigma);
}

/// <summary>
/// A LoRA bound on |gen| and its inputs: <see cref="InformationNats"/> = p·q·ln 2 (nats), from
/// <see cref="TrainableParameters"/> = p numbers of <see cref="Bits"/> = q bits, with n samples and sub-Gaussian
/// constant σ. <see cref="Assumptions"/> states what the number rests on.
/// </summary>
public sealed record LoraBound(
    double Value,
    double InformationNats,
    long TrainableParameters,
    LoraMode Mode,
    int Rank,
    int Bits,
    int N,
    double Sigma)
{
    public string Assumptions => LoraQuantizationBound.Assumptions;

    /// <summary>Train error + bound: the bound on the test error.</summary>
    public double TestErrorBound(double trainError) => trainError + Value;
}
