using Sweep.Core.Grid;
using Sweep.Core.Specs;

namespace Sweep.Core.Tests.Grid;

/// <summary>
/// Subspace sweep and trial ids are part of every journal and results folder: these values were produced before
/// the LoRA fields joined the spec and the trial config, and must never change.
/// </summary>
public sealed class SubspaceIdsPinnedTests
{
    private const string SyntheticSmall = """
        name: synthetic-small
        seed: 7
        dataset:
          name: synthetic
          features: 20
          classes: 4
          separation: 4.0
          pool_size: 4000
          train_size: 1000
          test_size: 1000
        model:
          kind: mlp
          widths: [20, 32, 4]
        projection:
          kind: orthonormal
        quantization:
          levels: 32
          range: 1.0
        training:
          optimizer: adam
          learning_rate: 0.05
          epochs: 5
          batch_size: 100
        grid:
          d: [5, 20]
          seeds: 2
        """;

    [Fact]
    public void Synthetic_small_keeps_its_sweep_and_trial_ids()
    {
        var spec = SpecReader.Read(SyntheticSmall, "specs/synthetic-small.yaml");

        Assert.Equal("synthetic-small-464d90bd", SpecHash.SweepIdOf(spec).Value);
        Assert.Equal(
            ["t-86334cf26bde", "t-5b43df29d8d8", "t-eb8a3c42e6a7", "t-2cca3ee82248"],
            SweepGrid.Expand(spec).Select(t => t.Id.Value));
    }
}
