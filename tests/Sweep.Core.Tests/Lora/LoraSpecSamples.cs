namespace Sweep.Core.Tests.Lora;

/// <summary>A valid LoRA rank-sweep spec (<see cref="SpecYaml.LoraDemo"/>) to break one field at a time.</summary>
internal static class LoraSpecSamples
{
    public const string Valid = SpecYaml.LoraDemo;

    /// <summary>Replaces one exact piece of <see cref="Valid"/> (which must exist).</summary>
    public static string With(string original, string replacement) => Valid.With(original, replacement);
}
