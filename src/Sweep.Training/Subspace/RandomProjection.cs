using Sweep.Core.Specs;
using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Training.Subspace;

/// <summary>
/// Draws the frozen projection Θ ∈ R^{D×d} (float32) from its own seed. The Gaussian draw always happens on the
/// CPU with a private generator, so Θ depends only on the seed (up to the rounding of the QR on another device).
/// </summary>
public static class RandomProjection
{
    /// <summary>
    /// <see cref="ProjectionKind.Orthonormal"/>: Q of the reduced QR of a Gaussian D×d matrix, with signs fixed so
    /// diag(R) &gt; 0, which makes Θ uniform on the Stiefel manifold and ΘᵀΘ = I.
    /// <see cref="ProjectionKind.Dense"/>: a Gaussian matrix with unit-norm columns (Li et al. 2018).
    /// </summary>
    public static Tensor Create(ProjectionKind kind, long parameterCount, int dimension, long seed, Device device)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parameterCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        if (kind == ProjectionKind.Orthonormal && dimension > parameterCount)
        {
            throw new ArgumentOutOfRangeException(nameof(dimension), $"An orthonormal projection needs d ≤ D, got d = {dimension} > D = {parameterCount}.");
        }

        using var scope = torch.NewDisposeScope();
        var gaussian = DrawGaussian(parameterCount, dimension, seed, device);
        var projection = kind switch
        {
            ProjectionKind.Orthonormal => Orthonormalize(gaussian),
            ProjectionKind.Dense => NormalizeColumns(gaussian),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), $"projection.kind: unknown projection kind {kind}."),
        };
        return projection.MoveToOuterDisposeScope();
    }

    private static Tensor DrawGaussian(long rows, int columns, long seed, Device device)
    {
        using var generator = new torch.Generator(unchecked((ulong)seed), torch.CPU);
        var matrix = torch.empty([rows, columns], dtype: ScalarType.Float32).normal_(generator: generator);
        if (device.type == DeviceType.CPU)
        {
            return matrix;
        }

        var moved = matrix.to(device);
        matrix.Dispose();
        return moved;
    }

    private static Tensor Orthonormalize(Tensor gaussian)
    {
        var (q, r) = torch.linalg.qr(gaussian, torch.linalg.QRMode.Reduced);
        gaussian.Dispose();
        var signs = r.diagonal().sign();
        r.Dispose();
        // sign(0) = 0 would erase a column; a zero pivot has probability 0, but keep the column if it happens.
        signs.masked_fill_(signs.eq(0), 1);
        return q.mul_(signs);
    }

    private static Tensor NormalizeColumns(Tensor gaussian) =>
        gaussian.div_(torch.linalg.vector_norm(gaussian, dims: [0], keepdim: true));
}
