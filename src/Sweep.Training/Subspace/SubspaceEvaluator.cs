using Sweep.Training.Data;
using Sweep.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Training.Subspace;

/// <summary>Evaluates a <see cref="SubspaceModel"/> at a given w', in chunks, without building a graph.</summary>
public static class SubspaceEvaluator
{
    public static Evaluation Evaluate(SubspaceModel model, DeviceDataset data, Tensor wPrime)
    {
        using var noGrad = torch.no_grad();
        using var theta = model.Parameters(wPrime);
        return NetworkEvaluator.Evaluate(model.Network, theta, data);
    }

    public static bool[] Misclassified(SubspaceModel model, DeviceDataset data, Tensor wPrime)
    {
        using var noGrad = torch.no_grad();
        using var theta = model.Parameters(wPrime);
        return NetworkEvaluator.Misclassified(model.Network, theta, data);
    }
}
