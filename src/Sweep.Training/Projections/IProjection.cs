using static TorchSharp.torch;

namespace Sweep.Training.Projections;

/// <summary>
/// A frozen linear map Θ: R^d → R^D drawn from its own seed. Implementations never hold more than they need: a
/// dense matrix for the dense kinds, O(d·√D) nonzeros for the sparse kind, O(L) numbers for Fastfood. Read-only
/// after construction, so trainers on several threads may share one (see <see cref="ProjectionCache"/>).
/// </summary>
public interface IProjection : IDisposable
{
    /// <summary>D, the length of Θ·w'.</summary>
    long Rows { get; }

    /// <summary>d, the length of w'.</summary>
    int Columns { get; }

    /// <summary>Native bytes this projection holds (what the cache counts against its bound).</summary>
    long Bytes { get; }

    /// <summary>θ0 + Θ·w', differentiable with respect to <paramref name="wPrime"/> (a vector of length d).</summary>
    Tensor Offset(Tensor initial, Tensor wPrime);
}
