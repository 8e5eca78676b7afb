namespace Sweep.Core.Tests.Specs;

/// <summary>A valid spec (<see cref="SpecYaml.Demo"/>) to break one field at a time.</summary>
internal static class SpecSamples
{
    public const string Valid = SpecYaml.Demo;

    /// <summary>Replaces one exact line of <see cref="Valid"/> (which must exist).</summary>
    public static string With(string line, string replacement) => Valid.With(line, replacement);
}
