using Sweep.Core.Specs;
using Sweep.Training.Subspace;
using static TorchSharp.torch;

namespace Sweep.Training.Projections;

/// <summary>
/// A materialized D×d Θ (<see cref="ProjectionKind.Orthonormal"/> or <see cref="ProjectionKind.Dense"/>), drawn by
/// <see cref="RandomProjection"/>. θ0 + Θ·w' is one addmv, exactly as before the structured kinds existed.
/// </summary>
public sealed class DenseProjection : IProjection
{
    private readonly Tensor _matrix;

    /// <summary>Takes ownership of <paramref name="matrix"/> (a D×d float32 tensor, detached from any dispose scope).</summary>
    public DenseProjection(Tensor matrix)
    {
        if (matrix.shape is not [var rows, var columns])
        {
            throw new ArgumentException("Θ must be a D×d matrix.", nameof(matrix));
        }

        _matrix = matrix;
        Rows = rows;
        Columns = checked((int)columns);
    }

    public long Rows { get; }

    public int Columns { get; }

    public long Bytes => Rows * Columns * sizeof(float);

    /// <summary>Θ itself (for tests and the estimators that need the matrix).</summary>
    public Tensor Matrix => _matrix;

    public Tensor Offset(Tensor initial, Tensor wPrime) => initial.addmv(_matrix, wPrime);

    public void Dispose() => _matrix.Dispose();
}
