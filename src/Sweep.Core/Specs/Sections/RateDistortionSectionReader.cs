using Sweep.Core.RateDistortion;
using YamlDotNet.RepresentationModel;

namespace Sweep.Core.Specs.Sections;

/// <summary>
/// Reads the optional <c>rate_distortion:</c> block and its axis <c>grid.lambda</c> (see <see cref="RateDistortionSpec"/>).
/// grid.lambda belongs to this block: it is refused without it, and required with it.
/// </summary>
internal static class RateDistortionSectionReader
{
    public const string LambdaAxis = "lambda";

    public static RateDistortionSpec? Read(YamlFieldReader r, YamlMappingNode root, ModelSpec? model, ProjectionSpec projection, BoundSpec bound, bool isLora)
    {
        var gridNode = r.Child(root, "grid") as YamlMappingNode;
        var lambdaNode = gridNode is null ? null : r.Child(gridNode, LambdaAxis);
        var node = r.Section(root, "", "rate_distortion", required: false);
        if (node is null)
        {
            if (lambdaNode is not null)
            {
                r.Error(lambdaNode, "grid.lambda", "sweeps the compressibility penalty of regularized trials; add a rate_distortion block");
            }

            return null;
        }

        r.RejectUnknownKeys(node, "rate_distortion", "loss_cap", "confidence", "lipschitz");
        if (isLora)
        {
            r.Error(node, "rate_distortion", "applies to subspace sweeps (grid.d), not to LoRA sweeps");
        }

        if (r.Child(root, "mi") is { } mi)
        {
            r.Error(mi, "mi", "an mi block and a rate_distortion block cannot share a sweep");
        }

        if (projection.Kind is not (ProjectionKind.Orthonormal or ProjectionKind.Dense))
        {
            r.Error(r.Child(root, "projection") ?? node, "projection.kind",
                "regularized trials need the exact projector P_Θ, which Sweep computes for orthonormal and dense Θ only (docs/rate-distortion.md)");
        }

        if (bound.Sigma != 0.5)
        {
            r.Error(r.Child(root, "bound") ?? node, "bound.sigma", "the rate-distortion bounds are for losses in [0, 1] (the 0-1 loss and the capped surrogate): σ must be 1/2");
        }

        var classes = model?.Classes ?? 10;
        var cap = r.Double(node, "rate_distortion", "loss_cap", required: false, fallback: RateDistortionSpec.DefaultLossCap(classes), min: 0, exclusiveMin: true);
        var confidence = r.Double(node, "rate_distortion", "confidence", required: false, fallback: RateDistortionSpec.DefaultConfidence, min: 0, exclusiveMin: true);
        if (confidence is >= 1)
        {
            r.Error(r.Child(node, "confidence"), "rate_distortion.confidence", $"must lie in (0, 1), got {confidence}");
        }

        var lipschitz = r.Child(node, "lipschitz") is null ? null : r.Double(node, "rate_distortion", "lipschitz", required: true, min: 0, exclusiveMin: true);
        if (lambdaNode is null)
        {
            r.Error(gridNode ?? node, "grid.lambda", "required with a rate_distortion block: the penalty weights λ ≥ 0 to sweep (0 is plain training of all weights)");
            return null;
        }

        var lambdas = r.DoubleList(lambdaNode, "grid.lambda", 0, exclusiveMin: false);
        return lambdas is null || cap is null || confidence is null ? null : new RateDistortionSpec(lambdas, cap.Value, confidence.Value, lipschitz);
    }
}
