using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Training.Projections;

/// <summary>
/// Fastfood (Le, Sarlós &amp; Smola 2013), as Li et al. (2018) use it for large d:
/// Θ·w' = c·(H·G·Π·H·B·pad_L(w'))[0:D] with L = 2^⌈log₂ D⌉, H the unnormalized Walsh–Hadamard matrix, B a diagonal of
/// random ±1, Π a random permutation and G a diagonal of standard Gaussians, all drawn from the projection seed on
/// the CPU. Every column of H·G·Π·H·B has squared norm L·‖G‖² (HᵀH = L·I and B, Π preserve norms), so
/// c = 1/√(L·‖G‖²) makes each column of the L×L matrix exactly unit-norm; keeping the first D rows leaves squared norm
/// D/L in expectation, which the further factor √(L/D) restores (Li et al.'s code divides by
/// √(L·‖G‖²)·√(D/L), the same number). c is folded into G. Θ never exists: the projection holds B (d values), Π and
/// c·G (L each) and applies two fast transforms, O(L log L) time and O(L) memory per product; d may be as large as L.
/// </summary>
public sealed class FastfoodProjection : IProjection
{
    private readonly Tensor _signs;
    private readonly Tensor _permutation;
    private readonly Tensor _scaledGaussian;
    private readonly WalshHadamard _hadamard;

    public FastfoodProjection(long rows, int columns, long seed, Device device)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        Length = PaddedLength(rows);
        if (columns > Length)
        {
            throw new ArgumentOutOfRangeException(nameof(columns), $"A Fastfood projection needs d ≤ L = {Length} (L = 2^⌈log₂ D⌉, D = {rows}), got d = {columns}.");
        }

        Rows = rows;
        Columns = columns;
        using var scope = torch.NewDisposeScope();
        using var generator = new torch.Generator(unchecked((ulong)seed), torch.CPU);
        // B, then Π, then G, always in this order, so each follows from the seed alone.
        var signs = torch.randint(0, 2, [Length], generator: generator, dtype: ScalarType.Float32).mul_(2).sub_(1);
        var permutation = torch.randperm(Length, generator: generator, dtype: ScalarType.Int64);
        var gaussian = torch.empty([Length], dtype: ScalarType.Float64).normal_(generator: generator);
        var squaredNorm = gaussian.square().sum().ToDouble();
        Scale = 1 / Math.Sqrt(Length * squaredNorm) * Math.Sqrt((double)Length / rows);
        _signs = signs.narrow(0, 0, columns).to(device).DetachFromDisposeScope();
        _permutation = permutation.to(device).DetachFromDisposeScope();
        _scaledGaussian = gaussian.mul(Scale).to(ScalarType.Float32).to(device).DetachFromDisposeScope();
        _hadamard = new WalshHadamard(Length, device);
    }

    public long Rows { get; }

    public int Columns { get; }

    /// <summary>L = 2^⌈log₂ D⌉.</summary>
    public long Length { get; }

    /// <summary>c = √(L/D)/√(L·‖G‖²).</summary>
    public double Scale { get; }

    public long Bytes => _signs.NumberOfElements * sizeof(float) + _permutation.NumberOfElements * sizeof(long)
        + _scaledGaussian.NumberOfElements * sizeof(float) + _hadamard.Bytes;

    public static long PaddedLength(long rows) => (long)System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)rows);

    /// <summary>Θ·w' (length D), differentiable with respect to <paramref name="wPrime"/>.</summary>
    public Tensor Apply(Tensor wPrime)
    {
        if (wPrime.shape is not [var d] || d != Columns)
        {
            throw new ArgumentException($"w' must be a vector of d = {Columns} values.", nameof(wPrime));
        }

        using var scope = torch.NewDisposeScope();
        var signed = wPrime.mul(_signs);
        var padded = Columns == Length ? signed : torch.nn.functional.pad(signed, [0, Length - Columns]);
        var first = _hadamard.Apply(padded);
        var mixed = first.index_select(0, _permutation).mul_(_scaledGaussian);
        var second = _hadamard.Apply(mixed);
        return second.narrow(0, 0, Rows).MoveToOuterDisposeScope();
    }

    public Tensor Offset(Tensor initial, Tensor wPrime)
    {
        using var projected = Apply(wPrime);
        return initial.add(projected);
    }

    public void Dispose()
    {
        _signs.Dispose();
        _permutation.Dispose();
        _scaledGaussian.Dispose();
        _hadamard.Dispose();
    }
}
