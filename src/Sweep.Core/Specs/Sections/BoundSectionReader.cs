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
        // Every bound here is on the 0-1 error, a loss in [0, 1]: its sub-Gaussian constant is 1/2 at best (Hoeffding),
        // so a smaller σ would print a number that is not a bound. A larger one is valid, only looser.
        var sigma = r.Double(node, "bound", "sigma", required: false, fallback: 0.5, min: 0, exclusiveMin: true) ?? 0.5;
        if (sigma < BoundSpec.ZeroOneLoss.Sigma)
        {
            r.Error(r.Child(node, "sigma"), "bound.sigma", $"σ = {sigma} is below 1/2: the bounds are on the 0-1 error, a loss in [0, 1], for which no σ below 1/2 is valid (a larger σ is valid, only looser)");
        }

        return new BoundSpec(sigma);
    }
}
