using Sweep.Core.Specs;
using Sweep.Training.Subspace;
using static TorchSharp.torch;

namespace Sweep.Training.Lora;

/// <summary>The frozen LoRA factor: a random semi-orthogonal matrix drawn from its own seed.</summary>
public static class FrozenFactor
{
    /// <summary>
    /// A <paramref name="rows"/>×<paramref name="columns"/> float32 matrix uniform on the Stiefel manifold: orthonormal
    /// columns when rows ≥ columns (B ∈ R^{d_out×r} of A-only), else orthonormal rows (A ∈ R^{r×d_in} of B-only).
    /// It is the orthonormal <see cref="RandomProjection"/> of the larger by the smaller side, transposed if needed.
    /// </summary>
    public static Tensor Draw(int rows, int columns, long seed, Device device)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if (rows >= columns)
        {
            return RandomProjection.Create(ProjectionKind.Orthonormal, rows, columns, seed, device);
        }

        using var tall = RandomProjection.Create(ProjectionKind.Orthonormal, columns, rows, seed, device);
        return tall.t().contiguous();
    }
}
