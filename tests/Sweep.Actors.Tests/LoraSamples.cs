using Sweep.Core.Grid;
using Sweep.Core.Specs;
using Sweep.Core.Trials;

namespace Sweep.Actors.Tests;

/// <summary>A small real LoRA rank sweep: an MLP pretrained on 3 synthetic classes, adapters fine-tuned on 3 others.</summary>
internal static class LoraSamples
{
    public const string Yaml = SpecYaml.TinyLora;

    public static SweepSpec Spec() => SpecReader.Read(Yaml, "tiny-lora.yaml");

    public static IReadOnlyList<TrialConfig> Trials(SweepSpec spec) => SweepGrid.Expand(spec);
}
