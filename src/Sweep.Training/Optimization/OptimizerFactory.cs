using Sweep.Core.Specs;
using TorchSharp;
using TorchSharp.Modules;

namespace Sweep.Training.Optimization;

/// <summary>The optimizer a <see cref="TrainingSpec"/> names, over the given parameters.</summary>
public static class OptimizerFactory
{
    /// <exception cref="ArgumentException">When the learning rate is not positive and finite.</exception>
    public static torch.optim.Optimizer Create(TrainingSpec training, IEnumerable<Parameter> parameters)
    {
        var learningRate = training.LearningRate;
        if (!(learningRate > 0) || double.IsInfinity(learningRate))
        {
            throw new ArgumentException($"training.learning_rate must be positive and finite, got {learningRate}.", nameof(training));
        }

        return training.Optimizer switch
        {
            OptimizerKind.Sgd => torch.optim.SGD(parameters, learningRate),
            OptimizerKind.Adam => torch.optim.Adam(parameters, learningRate),
            _ => throw new ArgumentOutOfRangeException(nameof(training), $"training.optimizer: unknown optimizer {training.Optimizer}."),
        };
    }
}
