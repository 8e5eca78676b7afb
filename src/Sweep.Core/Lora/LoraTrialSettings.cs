using Sweep.Core.Specs;

namespace Sweep.Core.Lora;

/// <summary>
/// The LoRA part of one trial: adapters W = W0 + (α/r)·B·A on the chosen linear layers of the pretrained base,
/// fine-tuned on <see cref="Classes"/> of the trial's dataset. Each trained number is quantized to
/// <see cref="Bits"/> bits: 2^q evenly spaced levels on [-<see cref="Range"/>, <see cref="Range"/>]. The trial's
/// dataset, training settings and seeds sit beside this (in the trial config); its projection seed draws the frozen
/// factor and its init seed draws A in <see cref="LoraMode.Both"/>.
/// </summary>
/// <param name="Rank">r, at least 1.</param>
/// <param name="Mode">Which factor is trained.</param>
/// <param name="Bits">q, bits per trained parameter (1 to 16).</param>
/// <param name="Range">The quantization grid's half-width.</param>
/// <param name="Classes">The fine-tuning classes, kept with their original labels (so the head keeps its width).</param>
/// <param name="Alpha">α; null means the default 2r.</param>
/// <param name="Layers">0-based indices of the adapted linear layers (input first); null means every linear layer.</param>
/// <param name="Aware">Quantization-aware training (straight-through), as for subspace trials.</param>
public sealed record LoraTrialSettings(
    int Rank,
    LoraMode Mode,
    int Bits,
    double Range,
    IReadOnlyList<int> Classes,
    double? Alpha = null,
    IReadOnlyList<int>? Layers = null,
    bool Aware = true)
{
    public const int MaxBits = 16;

    /// <summary>
    /// q = 4, by a rule fixed before any outcome was looked at: 4 bits per trained number is the standard precision of
    /// quantized LoRA (QLoRA, Dettmers et al. 2023). It is not tuned on our task; a sweep that chooses q after seeing
    /// its results must pay ln(number of candidates) nats in the bound (DESIGN.md 1.2).
    /// </summary>
    public const int DefaultBits = 4;

    /// <summary>
    /// range = 1, by a rule fixed in advance: the grid [−1, 1] covers the support of every number an adapter starts
    /// from (A ~ U(−1/√d_in, 1/√d_in) ⊂ [−1, 1] for every d_in ≥ 1, B = 0) and every entry of the frozen orthonormal
    /// factors (unit-norm rows or columns). Not chosen from the clipping or the bound it gives.
    /// </summary>
    public const double DefaultRange = 1.0;

    /// <summary>α, or its default 2r.</summary>
    public double EffectiveAlpha => Alpha ?? 2.0 * Rank;

    /// <summary>The factor α/r in front of B·A.</summary>
    public double Scale => EffectiveAlpha / Rank;

    /// <summary>K = 2^q quantization levels.</summary>
    public int Levels => 1 << Bits;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (Rank < 1)
        {
            throw new ArgumentException($"lora.rank must be at least 1, got {Rank}.");
        }

        if (Bits < 1 || Bits > MaxBits)
        {
            throw new ArgumentException($"lora.bits must be between 1 and {MaxBits}, got {Bits}.");
        }

        if (!(Range > 0) || double.IsInfinity(Range))
        {
            throw new ArgumentException($"lora.range must be positive and finite, got {Range}.");
        }

        if (Alpha is { } alpha && (!(alpha > 0) || double.IsInfinity(alpha)))
        {
            throw new ArgumentException($"lora.alpha must be positive and finite, got {alpha}.");
        }

        if (Classes.Count == 0 || Classes.Distinct().Count() != Classes.Count || Classes.Any(c => c < 0))
        {
            throw new ArgumentException($"lora.classes must be distinct non-negative class labels, got [{string.Join(", ", Classes)}].");
        }

        if (Layers is { } layers && (layers.Count == 0 || layers.Distinct().Count() != layers.Count || layers.Any(l => l < 0)))
        {
            throw new ArgumentException($"lora.layers must be distinct non-negative layer indices, got [{string.Join(", ", layers)}].");
        }
    }
}

/// <summary>
/// The pretraining stage: train every weight of <see cref="Model"/> on <see cref="Classes"/> of
/// <see cref="Dataset"/> (its train size is n of the pretraining run), deterministically from <see cref="Seed"/>.
/// Its product is the base checkpoint every LoRA trial of the sweep shares.
/// </summary>
public sealed record PretrainSpec(ModelSpec Model, DatasetSpec Dataset, IReadOnlyList<int> Classes, TrainingSpec Training, long Seed)
{
    /// <summary>
    /// A text that changes whenever anything that shapes the checkpoint changes; its hash is stored in the
    /// checkpoint, so a stored checkpoint is reused only for the same stage.
    /// </summary>
    public string Canonical() => string.Join(';',
        $"model={Model.Describe()}",
        $"dataset={Dataset.Kind}:{Dataset.Path}:{Dataset.TrainSize}:{Dataset.TestSize}:{Dataset.Synthetic}",
        $"classes={string.Join(',', Classes)}",
        $"training={Training}",
        $"seed={Seed}");

    /// <summary>SHA-256 of <see cref="Canonical"/>, in hex: the name of the stage's checkpoint and the hash stored in it.</summary>
    public string StageHash() =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Canonical())));
}
