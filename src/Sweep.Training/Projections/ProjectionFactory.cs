using Sweep.Core.Specs;
using Sweep.Training.Subspace;
using static TorchSharp.torch;

namespace Sweep.Training.Projections;

/// <summary>Draws the projection a <see cref="ProjectionKind"/> names, from its seed, on a device.</summary>
public static class ProjectionFactory
{
    public static IProjection Create(ProjectionKind kind, long parameterCount, int dimension, long seed, Device device) => kind switch
    {
        ProjectionKind.Orthonormal or ProjectionKind.Dense =>
            new DenseProjection(RandomProjection.Create(kind, parameterCount, dimension, seed, device).DetachFromDisposeScope()),
        ProjectionKind.Sparse => new SparseProjection(parameterCount, dimension, seed, device),
        ProjectionKind.Fastfood => new FastfoodProjection(parameterCount, dimension, seed, device),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), $"projection.kind: unknown projection kind {kind}."),
    };

    /// <summary>The native bytes <see cref="Create"/> would hold, known before drawing (the cache's admission test).</summary>
    public static long ExpectedBytes(ProjectionKind kind, long parameterCount, int dimension) => kind switch
    {
        ProjectionKind.Orthonormal or ProjectionKind.Dense => parameterCount * dimension * sizeof(float),
        ProjectionKind.Sparse => (long)(dimension * Math.Sqrt(parameterCount)) * (2 * sizeof(long) + sizeof(float)),
        ProjectionKind.Fastfood => FastfoodProjection.PaddedLength(parameterCount) * (sizeof(long) + 2 * sizeof(float)),
        _ => 0,
    };
}
