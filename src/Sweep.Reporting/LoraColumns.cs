using Sweep.Core.Lora;
using Sweep.Core.Trials;
using static Sweep.Reporting.CsvText;

namespace Sweep.Reporting;

/// <summary>The LoRA columns of <c>trials.csv</c>: rank, mode, bits, α, adapted layers, p and the fine-tuning classes.</summary>
internal static class LoraColumns
{
    public static readonly IReadOnlyList<string> Header =
        ["rank", "mode", "bits", "alpha", "lora_layers", "trainable_parameters", "fine_tune_classes", "pretrain_classes"];

    public static IReadOnlyList<string> Row(TrialConfig c)
    {
        if (c.Lora is not { } lora)
        {
            return Enumerable.Repeat("", Header.Count).ToArray();
        }

        var s = lora.Settings;
        return
        [
            Number(s.Rank), s.Mode.Name(), Number(s.Bits), Number(s.EffectiveAlpha),
            s.Layers is null ? "all" : string.Join(' ', s.Layers.Order()), Number(lora.TrainableParameters),
            string.Join(' ', s.Classes), string.Join(' ', lora.Pretrain.Classes),
        ];
    }
}
