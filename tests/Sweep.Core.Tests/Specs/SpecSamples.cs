namespace Sweep.Core.Tests.Specs;

/// <summary>A valid spec to break one field at a time.</summary>
internal static class SpecSamples
{
    public const string Valid = """
        name: demo
        seed: 1
        dataset:
          name: synthetic
          features: 20
          classes: 4
          pool_size: 2000
          train_size: 500
        model:
          kind: mlp
          widths: [20, 16, 4]
        projection:
          kind: orthonormal
        quantization:
          levels: 16
          range: 1.0
        training:
          optimizer: adam
          learning_rate: 0.01
          epochs: 2
          batch_size: 50
        grid:
          d: [5, 10]
          seeds: 2
        """;

    /// <summary>Replaces one exact line of <see cref="Valid"/> (which must exist).</summary>
    public static string With(string line, string replacement)
    {
        Assert.Contains(line, Valid);
        return Valid.Replace(line, replacement, StringComparison.Ordinal);
    }
}
