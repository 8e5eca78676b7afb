namespace Sweep.Core.Lora;

/// <summary>
/// Which LoRA factor is trained in W = W0 + (α/r)·B·A, with A ∈ R^{r×d_in} and B ∈ R^{d_out×r}.
/// </summary>
public enum LoraMode
{
    /// <summary>B trained from zero; A frozen at a random orthonormal matrix (random-subspace training with d = r·Σd_out).</summary>
    BOnly,

    /// <summary>A trained from zero; B frozen at a random orthonormal matrix.</summary>
    AOnly,

    /// <summary>Standard LoRA: A trained from a random start, B trained from zero.</summary>
    Both,
}

/// <summary>The spelling of <see cref="LoraMode"/> in specs and outputs: <c>B-only</c>, <c>A-only</c>, <c>both</c>.</summary>
public static class LoraModes
{
    public static readonly IReadOnlyList<LoraMode> All = [LoraMode.BOnly, LoraMode.AOnly, LoraMode.Both];

    public static string Name(this LoraMode mode) => mode switch
    {
        LoraMode.BOnly => "B-only",
        LoraMode.AOnly => "A-only",
        LoraMode.Both => "both",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown LoRA mode."),
    };

    /// <summary>Parses <c>B-only</c>, <c>A-only</c> or <c>both</c> (case-insensitive; <c>_</c> may stand for <c>-</c>).</summary>
    /// <exception cref="FormatException">For anything else.</exception>
    public static LoraMode Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = text.Trim().Replace('_', '-').ToLowerInvariant();
        foreach (var mode in All)
        {
            if (normalized == mode.Name().ToLowerInvariant())
            {
                return mode;
            }
        }

        throw new FormatException($"'{text}' is not a LoRA mode; use 'B-only', 'A-only' or 'both'.");
    }

    /// <summary>Whether A is trained in this mode.</summary>
    public static bool TrainsA(this LoraMode mode) => mode is LoraMode.AOnly or LoraMode.Both;

    /// <summary>Whether B is trained in this mode.</summary>
    public static bool TrainsB(this LoraMode mode) => mode is LoraMode.BOnly or LoraMode.Both;
}
