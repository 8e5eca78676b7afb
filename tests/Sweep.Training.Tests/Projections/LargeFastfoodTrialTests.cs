using Sweep.Core.Specs;
using Sweep.Core.Trials;
using Sweep.Training.Projections;
using Sweep.Training.Runtime;
using Sweep.Training.Subspace;

namespace Sweep.Training.Tests.Projections;

/// <summary>
/// Fastfood at the scale the science needs: d = 100,000 on the D = 199,210 MLP 784-200-200-10. A dense Θ would be
/// 80 GB; the projection must hold O(L) numbers and the whole test process must stay far below even one D×1,000
/// slice of Θ (0.8 GB) above what it held before.
/// </summary>
public sealed class LargeFastfoodTrialTests : TorchTestBase
{
    [Fact]
    public void A_fastfood_trial_at_d_100000_on_the_default_mlp_trains_without_materializing_theta()
    {
        var trial = new TrialConfig(
            TrialId.FromCanonicalPoint("d=100000;seed=1"),
            1,
            100_000,
            new DatasetSpec(DatasetKind.Synthetic, null, 256, 128, new SyntheticSpec(Features: 784, Classes: 10, Separation: 3, PoolSize: 384, Seed: 3)),
            new ModelSpec(ModelKind.Mlp, [784, 200, 200, 10]),
            new ProjectionSpec(ProjectionKind.Fastfood),
            new QuantizationSpec(Levels: 64, Range: 1, Aware: false),
            new TrainingSpec(OptimizerKind.Adam, 1e-3, Epochs: 1, Steps: 4, BatchSize: 128),
            new TrialSeeds(Projection: 5, Init: 6, Data: 7, BatchOrder: 8));
        var before = PeakResidentBytes();

        var outcome = SubspaceTrainer.Train(trial, TorchDevice.Cpu, null, CancellationToken.None);

        Assert.Equal(199_210, outcome.Metrics.ParameterCount);
        Assert.Equal(4, outcome.Metrics.Steps);
        Assert.Equal(100_000, outcome.WPrime.Length);
        Assert.True(outcome.Metrics.WPrimeNorm > 0, "w' moved");
        using var lease = ProjectionCache.Shared.Acquire(new ProjectionKey(ProjectionKind.Fastfood, 199_210, 100_000, 5, "cpu"));
        var projection = Assert.IsType<FastfoodProjection>(lease.Projection);
        Assert.Equal(262_144, projection.Length);
        Assert.True(projection.Bytes <= 20 * projection.Length, $"the projection holds {projection.Bytes} bytes");
        var grown = PeakResidentBytes() - before;
        Assert.True(grown < 800L << 20, $"peak resident memory grew by {grown >> 20} MiB");
    }

    /// <summary>VmHWM, the process's peak resident set, from /proc/self/status.</summary>
    private static long PeakResidentBytes()
    {
        var line = File.ReadLines("/proc/self/status").Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
