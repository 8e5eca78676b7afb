using Sweep.Core.Grid;
using Sweep.Core.Specs;
using Sweep.Core.Trials;

namespace Sweep.Actors.Tests;

/// <summary>A small real LoRA rank sweep: an MLP pretrained on 3 synthetic classes, adapters fine-tuned on 3 others.</summary>
internal static class LoraSamples
{
    public const string Yaml = """
        name: tiny-lora
        seed: 5
        dataset:
          name: synthetic
          features: 8
          classes: 6
          separation: 4.0
          pool_size: 1200
          train_size: 300
          test_size: 200
        model:
          kind: mlp
          widths: [8, 16, 6]
        pretrain:
          classes: [0, 1, 2]
          train_size: 400
          seed: 3
          training:
            optimizer: adam
            learning_rate: 0.01
            epochs: 3
            batch_size: 50
        lora:
          classes: [3, 4, 5]
          bits: 6
          range: 2.0
        training:
          optimizer: adam
          learning_rate: 0.03
          epochs: 3
          batch_size: 50
        grid:
          rank: [1, 4]
          mode: [B-only, A-only, both]
          seeds: 1
        """;

    public static SweepSpec Spec() => SpecReader.Read(Yaml, "tiny-lora.yaml");

    public static IReadOnlyList<TrialConfig> Trials(SweepSpec spec) => SweepGrid.Expand(spec);
}
