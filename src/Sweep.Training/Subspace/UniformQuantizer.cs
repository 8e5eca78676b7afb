using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Training.Subspace;

/// <summary>
/// Rounds each coordinate to the nearest of <see cref="Levels"/> evenly spaced points on [-range, range]
/// (step 2·range/(K−1)); values outside the range are clipped first. Ties round to the even level index, the same in
/// the tensor and the scalar form. Level i is (2i − (K−1))·range/(K−1), so the grid is exactly symmetric and holds 0
/// when K is odd.
/// </summary>
public sealed class UniformQuantizer
{
    public UniformQuantizer(int levels, double range)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(levels, 2);
        if (!(range > 0) || double.IsInfinity(range))
        {
            throw new ArgumentOutOfRangeException(nameof(range), range, "The quantization range must be positive and finite.");
        }

        Levels = levels;
        Range = range;
    }

    public int Levels { get; }

    public double Range { get; }

    /// <summary>The distance between neighbouring levels, 2·range/(K−1).</summary>
    public double Step => 2 * Range / (Levels - 1);

    private double HalfStep => Range / (Levels - 1);

    /// <summary>Level <paramref name="index"/> (0 = −range, K−1 = +range).</summary>
    public double Level(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Levels);
        return (2.0 * index - (Levels - 1)) * HalfStep;
    }

    /// <summary>The level nearest to <paramref name="w"/> after clipping to [-range, range].</summary>
    public double Quantize(double w)
    {
        var index = Math.Round((Math.Clamp(w, -Range, Range) + Range) / Step, MidpointRounding.ToEven);
        return (2 * index - (Levels - 1)) * HalfStep;
    }

    /// <summary>Each element rounded to its nearest level (no gradient).</summary>
    public Tensor Quantize(Tensor w)
    {
        using var scope = torch.NewDisposeScope();
        var index = w.clamp(-Range, Range).add_(Range).div_(Step).round_();
        return index.mul_(2).sub_(Levels - 1).mul_(HalfStep).MoveToOuterDisposeScope();
    }

    /// <summary>The quantized value in the forward pass with an identity gradient: w + (Q(w) − w).detach().</summary>
    public Tensor StraightThrough(Tensor w)
    {
        using var scope = torch.NewDisposeScope();
        var detached = w.detach();
        var offset = Quantize(detached).sub_(detached);
        return w.add(offset).MoveToOuterDisposeScope();
    }

    /// <summary>The fraction of <paramref name="w"/>'s elements with |w| &gt; range, which quantization clips.</summary>
    public double ClippedFraction(ReadOnlySpan<float> w)
    {
        if (w.IsEmpty)
        {
            return 0;
        }

        var clipped = 0;
        foreach (var value in w)
        {
            if (Math.Abs(value) > Range)
            {
                clipped++;
            }
        }

        return (double)clipped / w.Length;
    }
}
