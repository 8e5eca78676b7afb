using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Sweep.Core.Specs;
using Sweep.Training.Runtime;
using Sweep.Training.Subspace;
using Xunit.Abstractions;

namespace Sweep.Training.Tests;

/// <summary>
/// One orthonormal and one dense trial's metrics, exactly as the trainer produced them before the structured
/// projections (Fastfood, sparse), the projection cache and the full-training baseline joined it: they must stay
/// bit-identical (one intra-op thread, CPU).
/// </summary>
public sealed class PinnedMetricsTests(ITestOutputHelper output) : TorchTestBase
{
    [Theory]
    [InlineData(ProjectionKind.Orthonormal, "0.24910260009765625 0.04 0.26199456787109376 0.052 0.041 5.601668048222635 0 32 caaaed0353dd69d3")]
    [InlineData(ProjectionKind.Dense, "0.244158447265625 0.047 0.249849609375 0.052 0.047 5.495411428133773 0 32 6b8c842c2c4005f6")]
    public void Existing_projection_kinds_keep_their_metrics_bit_for_bit(ProjectionKind kind, string pinned)
    {
        var trial = TestTrials.Synthetic(d: 30, epochs: 2, aware: true) with { Projection = new ProjectionSpec(kind) };

        var outcome = SubspaceTrainer.Train(trial, TorchDevice.Cpu, null, CancellationToken.None);

        var actual = Describe(outcome);
        output.WriteLine(actual);
        Assert.Equal(pinned, actual);
    }

    private static string Describe(TrainingOutcome outcome)
    {
        var m = outcome.Metrics;
        var wPrimeHash = Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(outcome.WPrime.AsSpan())))[..16];
        return string.Join(
            ' ',
            new[] { m.TrainLoss, m.TrainError, m.TestLoss, m.TestError, m.TrainErrorUnquantized, m.WPrimeNorm, m.ClippedFraction }
                .Select(v => v.ToString("R", CultureInfo.InvariantCulture))
                .Append(m.Steps.ToString(CultureInfo.InvariantCulture))
                .Append(wPrimeHash));
    }
}
