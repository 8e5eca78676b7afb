using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Training.Projections;

/// <summary>
/// The fast Walsh–Hadamard transform: H·x for the unnormalized Sylvester-ordered L×L Hadamard matrix H (HᵀH = L·I),
/// in O(L log L) time and O(L) memory. H = H_m ⊗ … ⊗ H_m over groups of k = log₂ m index bits, so each stage applies
/// a small dense H_m to the low k bits of the index, as one (L/m × m)·(m × m) matmul, then transposes the (L/m, m)
/// result into (m, L/m), which rotates the index right by k bits; after all stages every bit group has been
/// transformed once and the rotations add up to the identity. Built from differentiable ops only (matmul, transpose,
/// view), so autograd gives the adjoint (H is symmetric: the backward pass is the same transform). Each stage's input
/// is released as soon as its output exists, so a few L-vectors are alive at a time.
/// </summary>
public sealed class WalshHadamard : IDisposable
{
    /// <summary>Bits per stage: H_16 is 1 KB and 16 multiply-adds per element per stage.</summary>
    public const int BitsPerStage = 4;

    private readonly Dictionary<int, Tensor> _blocks = [];

    /// <param name="length">L, a power of two.</param>
    public WalshHadamard(long length, Device device)
    {
        if (length < 1 || (length & (length - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"The Walsh–Hadamard transform needs a power-of-two length, got {length}.");
        }

        Length = length;
        Bits = System.Numerics.BitOperations.Log2((ulong)length);
        for (var bits = Bits; bits > 0; bits -= BitsPerStage)
        {
            var k = Math.Min(bits, BitsPerStage);
            if (!_blocks.ContainsKey(k))
            {
                _blocks[k] = Block(k, device);
            }
        }
    }

    public long Length { get; }

    public int Bits { get; }

    /// <summary>Bytes of the small H_m blocks this transform keeps.</summary>
    public long Bytes => _blocks.Values.Sum(b => b.NumberOfElements * sizeof(float));

    /// <summary>H·x for a float32 vector x of length L (a new tensor; x is not changed).</summary>
    public Tensor Apply(Tensor x)
    {
        if (x.shape is not [var n] || n != Length)
        {
            throw new ArgumentException($"Expected a vector of length {Length}.", nameof(x));
        }

        var current = x;
        for (var bits = Bits; bits > 0; bits -= BitsPerStage)
        {
            var k = Math.Min(bits, BitsPerStage);
            var m = 1L << k;
            using var rows = current.view(Length / m, m);
            using var mixed = rows.matmul(_blocks[k]);
            using var rotated = mixed.t();
            var next = rotated.contiguous().view(Length);
            if (!ReferenceEquals(current, x))
            {
                current.Dispose();
            }

            current = next;
        }

        return ReferenceEquals(current, x) ? x.clone() : current;
    }

    public void Dispose()
    {
        foreach (var block in _blocks.Values)
        {
            block.Dispose();
        }
    }

    /// <summary>The Sylvester Hadamard matrix H_{2^k}: entry (i, j) is (−1)^popcount(i AND j).</summary>
    private static Tensor Block(int bits, Device device)
    {
        var m = 1 << bits;
        var values = new float[m * m];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++)
            {
                values[i * m + j] = System.Numerics.BitOperations.PopCount((uint)(i & j)) % 2 == 0 ? 1f : -1f;
            }
        }

        using var cpu = torch.tensor(values, [m, m]);
        return cpu.to(device).DetachFromDisposeScope();
    }
}
