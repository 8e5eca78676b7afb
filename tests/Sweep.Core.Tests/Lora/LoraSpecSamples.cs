namespace Sweep.Core.Tests.Lora;

/// <summary>A valid LoRA rank-sweep spec on a synthetic 6-class task, to break one field at a time.</summary>
internal static class LoraSpecSamples
{
    public const string Valid = """
        name: lora-demo
        seed: 7
        dataset:
          name: synthetic
          features: 12
          classes: 6
          pool_size: 1200
          train_size: 300
        model:
          kind: mlp
          widths: [12, 16, 6]
        pretrain:
          classes: [0, 1, 2]
          train_size: 400
          seed: 11
          training:
            optimizer: adam
            learning_rate: 0.01
            epochs: 2
            batch_size: 50
        lora:
          classes: [3, 4, 5]
          bits: 4
          range: 1.0
        training:
          optimizer: adam
          learning_rate: 0.01
          epochs: 2
          batch_size: 50
        grid:
          rank: [1, 2]
          mode: [B-only, A-only, both]
          seeds: 1
        """;

    /// <summary>Replaces one exact piece of <see cref="Valid"/> (which must exist).</summary>
    public static string With(string original, string replacement)
    {
        Assert.Contains(original, Valid);
        return Valid.Replace(original, replacement, StringComparison.Ordinal);
    }
}
