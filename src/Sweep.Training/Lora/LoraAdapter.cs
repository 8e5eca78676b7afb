using Sweep.Core.Lora;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweep.Training.Lora;

/// <summary>
/// The adapter of one weight matrix W0 ∈ R^{d_out×d_in}: ΔW = (α/r)·B·A with A ∈ R^{r×d_in}, B ∈ R^{d_out×r}. A
/// trained factor is a <see cref="Parameter"/>; a frozen one is a plain tensor with requires_grad = false, so it
/// receives no gradient.
/// </summary>
public sealed class LoraAdapter : IDisposable
{
    private LoraAdapter(int layer, int block, AdaptedShape shape, Tensor a, Tensor b)
    {
        Layer = layer;
        Block = block;
        Shape = shape;
        A = a;
        B = b;
    }

    /// <summary>The index of the adapted linear layer (0 = the first).</summary>
    public int Layer { get; }

    /// <summary>The index of the weight block in the network's <see cref="Models.ParameterLayout"/>.</summary>
    public int Block { get; }

    public AdaptedShape Shape { get; }

    public int Rank => (int)A.shape[0];

    /// <summary>A ∈ R^{r×d_in}.</summary>
    public Tensor A { get; }

    /// <summary>B ∈ R^{d_out×r}.</summary>
    public Tensor B { get; }

    /// <summary>The trained factors, A before B.</summary>
    public IEnumerable<Parameter> Trained => new[] { A, B }.OfType<Parameter>();

    /// <summary>
    /// Creates the adapter of <paramref name="mode"/>: B-only has A frozen semi-orthogonal (from
    /// <paramref name="frozenSeed"/>) and B = 0 trained; A-only has B frozen semi-orthogonal and A = 0 trained; both
    /// has A trained from U(−1/√d_in, 1/√d_in) (from <paramref name="initSeed"/>, as PEFT initializes LoRA) and B = 0
    /// trained.
    /// </summary>
    public static LoraAdapter Create(
        int layer, int block, AdaptedShape shape, LoraMode mode, int rank, long frozenSeed, long initSeed, Device device)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rank);
        using var scope = torch.NewDisposeScope();
        Tensor a = mode switch
        {
            LoraMode.BOnly => FrozenFactor.Draw(rank, shape.Inputs, frozenSeed, device),
            LoraMode.AOnly => new Parameter(torch.zeros(rank, shape.Inputs, device: device)),
            LoraMode.Both => new Parameter(UniformA(rank, shape.Inputs, initSeed).to(device)),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown LoRA mode."),
        };
        Tensor b = mode == LoraMode.AOnly
            ? FrozenFactor.Draw(shape.Outputs, rank, frozenSeed, device)
            : new Parameter(torch.zeros(shape.Outputs, rank, device: device));
        return new LoraAdapter(layer, block, shape, a.MoveToOuterDisposeScope(), b.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// (α/r)·B·A as a d_out×d_in matrix, with <paramref name="trained"/> (e.g. straight-through quantization)
    /// applied to the trained factors.
    /// </summary>
    public Tensor Delta(double scale, Func<Tensor, Tensor>? trained = null)
    {
        using var scope = torch.NewDisposeScope();
        var a = trained is not null && A is Parameter ? trained(A) : A;
        var b = trained is not null && B is Parameter ? trained(B) : B;
        return b.matmul(a).mul_(scale).MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        A.Dispose();
        B.Dispose();
    }

    private static Tensor UniformA(int rank, int inputs, long seed)
    {
        using var generator = new torch.Generator(unchecked((ulong)seed), torch.CPU);
        var bound = 1.0 / Math.Sqrt(inputs);
        return torch.rand(rank, inputs, dtype: ScalarType.Float32, generator: generator).mul_(2 * bound).sub_(bound);
    }
}
