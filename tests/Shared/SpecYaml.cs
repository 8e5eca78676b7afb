namespace Sweep.Tests.Shared;

/// <summary>
/// The small real sweep specs every test project uses, in one place (this file is compiled into each test project
/// by tests/Directory.Build.props). Tests assert the line numbers of errors in <see cref="Demo"/>,
/// <see cref="LoraDemo"/>, <see cref="Quick"/> and <see cref="TinyLora"/>: a change that moves a line moves them.
/// Variants are written as replacements of whole lines, so they keep the line numbers of the spec they start from.
/// </summary>
internal static class SpecYaml
{
    /// <summary>A subspace sweep to break one field at a time (D = 404; 2 d × 2 seeds).</summary>
    public const string Demo = """
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

    /// <summary>A LoRA rank sweep on a synthetic 6-class task, to break one field at a time.</summary>
    public const string LoraDemo = """
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

    /// <summary>Quick trials (well under a second each; 1 d × 2 seeds) for tests of the commands and actors themselves.</summary>
    public const string Quick = """
        name: quick
        seed: 3
        dataset:
          name: synthetic
          features: 8
          classes: 3
          separation: 4.0
          pool_size: 600
          train_size: 300
          test_size: 300
        model:
          kind: mlp
          widths: [8, 16, 3]
        projection:
          kind: orthonormal
        quantization:
          levels: 16
          range: 1.0
        training:
          optimizer: adam
          learning_rate: 0.05
          epochs: 3
          batch_size: 50
        grid:
          d: [4]
          seeds: 2
        """;

    /// <summary>6 trials of about 2 s each on one core: long enough to kill a process inside a trial.</summary>
    public const string Killable = """
        name: killable
        seed: 11
        dataset:
          name: synthetic
          features: 20
          classes: 4
          separation: 4.0
          pool_size: 4000
          train_size: 2000
          test_size: 1000
        model:
          kind: mlp
          widths: [20, 256, 256, 4]
        projection:
          kind: orthonormal
        quantization:
          levels: 32
          range: 1.0
        training:
          optimizer: adam
          learning_rate: 0.05
          epochs: 50
          batch_size: 100
        grid:
          d: [5, 10, 20]
          seeds: 2
        """;

    /// <summary>A small real LoRA rank sweep (6 trials): an MLP pretrained on 3 synthetic classes, adapters fine-tuned on 3 others.</summary>
    public const string TinyLora = """
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

    /// <summary><see cref="Quick"/> with two d and a narrower network at 32 levels (D = 147; 2 d × 2 seeds).</summary>
    public static readonly string Tiny = Quick
        .With("name: quick", "name: tiny")
        .With("  widths: [8, 16, 3]", "  widths: [8, 12, 3]")
        .With("  levels: 16", "  levels: 32")
        .With("  d: [4]", "  d: [4, 16]");

    /// <summary><see cref="Tiny"/> with an mi block instead of seeds: per d, 2 projections × 5 trainings on n = 30 samples.</summary>
    public static readonly string TinyMi = Tiny
        .With("name: tiny", "name: tiny-mi")
        .With("  train_size: 300", "  train_size: 30")
        .With("  epochs: 3", "  epochs: 4")
        .With("  batch_size: 50", "  batch_size: 10")
        .With("  seeds: 2", "mi:\n  trainings_per_projection: 5\n  projections: 2\n  k: 2\n  samples_per_trial: 4");

    /// <summary>
    /// A cnn of 8 filters 3×3 on 8×8 synthetic images, trained fully and at d = 40, 4 seeds each, with a topology block:
    /// two groups (full training, d = 40) of 32 filters each.
    /// </summary>
    public static readonly string TinyTopology = Quick
        .With("name: quick", "name: tiny-topology")
        .With("  features: 8", "  features: 64")
        .With("  kind: mlp\n  widths: [8, 16, 3]", "  kind: cnn\n  filters: 8\n  second_filters: 4")
        .With("  kind: orthonormal", "  kind: [orthonormal, none]")
        .With("  d: [4]", "  d: [40]")
        .With("  seeds: 2", "  seeds: 4\ntopology:\n  k: 3\n  p: 50\n  landmarks: 16\n  circle_persistence: 0.5");

    /// <summary>Replaces every occurrence of <paramref name="original"/>, which must occur, so a variant never silently equals its base.</summary>
    public static string With(this string yaml, string original, string replacement) =>
        yaml.Contains(original, StringComparison.Ordinal)
            ? yaml.Replace(original, replacement, StringComparison.Ordinal)
            : throw new ArgumentException($"The spec has no '{original}' to replace:\n{yaml}", nameof(original));
}
