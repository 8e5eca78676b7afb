using YamlDotNet.RepresentationModel;

namespace Sweep.Core.Specs.Sections;

/// <summary>Reads the optional <c>bound:</c> section (σ, the loss's sub-Gaussian constant); the 0-1 loss's σ = 1/2 when absent.</summary>
internal static class BoundSectionReader
{
    public static BoundSpec Read(YamlFieldReader r, YamlMappingNode root)
    {
        var node = r.Section(root, "", "bound", required: false);
        if (node is null)
        {
            return BoundSpec.ZeroOneLoss;
        }

        r.RejectUnknownKeys(node, "bound", "sigma");
        var sigma = r.Double(node, "bound", "sigma", required: false, fallback: 0.5, min: 0, exclusiveMin: true) ?? 0.5;
        if (sigma < 0.5)
        {
            // Every sweep measures the 0-1 loss, which is σ-sub-Gaussian only for σ ≥ 1/2 (Hoeffding: range/2).
            r.Error(r.Child(node, "sigma"), "bound.sigma", $"is {sigma}, below 1/2; the 0-1 loss in [0, 1] is σ-sub-Gaussian only for σ ≥ 1/2, so a smaller σ is no bound");
        }

        return new BoundSpec(sigma);
    }
}
