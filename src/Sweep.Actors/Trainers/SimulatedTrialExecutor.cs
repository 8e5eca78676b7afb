using Sweep.Core.Randomness;
using Sweep.Core.Trials;

namespace Sweep.Actors.Trainers;

/// <summary>
/// The <c>simulate</c> trial kind: every trial takes a fixed time and returns metrics drawn from its seeds, with no
/// training. It measures the orchestration alone (dispatch, journal, network); a trainer node runs it with
/// <c>sweep node --simulate &lt;ms&gt;</c>. Results are deterministic, like real trials.
/// </summary>
public sealed class SimulatedTrialExecutor(TimeSpan duration) : ITrialExecutor
{
    public TrialExecution Execute(TrialConfig trial, Action<TrialProgressTick> progress, CancellationToken cancellationToken)
    {
        if (duration > TimeSpan.Zero)
        {
            cancellationToken.WaitHandle.WaitOne(duration);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var random = new SplitMix64(trial.Seeds.Init);
        var trainError = 0.5 * random.NextDouble();
        var testError = trainError + 0.05 * random.NextDouble();
        var wPrime = new float[trial.IntrinsicDimension];
        for (var i = 0; i < wPrime.Length; i++)
        {
            wPrime[i] = (float)(random.NextDouble() - 0.5);
        }

        progress(new TrialProgressTick(1, 1, trainError));
        return new TrialExecution(
            new TrainingMetrics(trainError, trainError, testError, testError, trainError, trial.Model.ParameterCount, 1, Math.Sqrt(wPrime.Sum(w => (double)w * w)), 0, duration.TotalSeconds),
            wPrime);
    }
}
