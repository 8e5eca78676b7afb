using Sweep.Core.Specs;

namespace Sweep.Training.Lora;

/// <summary>
/// Pretrained base weights θ0 of <see cref="Model"/> (flat, in the network's layout order), and the hash of the
/// pretraining stage that made them (<see cref="PretrainSpec.Canonical"/>), so a stored checkpoint is reused only
/// for the same stage.
/// </summary>
public sealed record BaseCheckpoint
{
    public BaseCheckpoint(ModelSpec model, float[] parameters, string stageHash)
    {
        if (parameters.LongLength != model.ParameterCount)
        {
            throw new ArgumentException(
                $"{model.Describe()} has {model.ParameterCount} parameters, but {parameters.LongLength} values were given.", nameof(parameters));
        }

        Model = model;
        Parameters = parameters;
        StageHash = stageHash;
    }

    public ModelSpec Model { get; }

    public float[] Parameters { get; }

    public string StageHash { get; }
}
