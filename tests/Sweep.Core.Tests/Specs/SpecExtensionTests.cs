using Sweep.Core.Grid;
using Sweep.Core.Specs;

namespace Sweep.Core.Tests.Specs;

public sealed class SpecExtensionTests
{
    private static readonly SweepSpec Old = SpecReader.Read(SpecSamples.Valid, "old.yaml");

    [Fact]
    public void Added_d_and_seed_values_are_an_extension_and_keep_the_sweep_id()
    {
        var @new = SpecReader.Read(SpecSamples.With("  d: [5, 10]", "  d: [5, 10, 15]").Replace("seeds: 2", "seeds: 3"), "new.yaml");

        var extension = SpecExtension.Check(Old, @new);

        Assert.True(extension.IsValid, extension.Describe());
        Assert.Equal(["grid.d + [15]", "grid.seeds + [2]"], extension.Added);
        Assert.Equal(SpecHash.SweepIdOf(Old), SpecHash.SweepIdOf(@new));
        var oldIds = SweepGrid.Expand(Old).Select(t => t.Id).ToHashSet();
        Assert.Equal(9 - 4, SweepGrid.Expand(@new).Count(t => !oldIds.Contains(t.Id)));
    }

    [Fact]
    public void A_changed_setting_is_refused_and_named()
    {
        var @new = SpecReader.Read(SpecSamples.With("  learning_rate: 0.01", "  learning_rate: 0.02").Replace("d: [5, 10]", "d: [5, 10, 15]"), "new.yaml");

        var extension = SpecExtension.Check(Old, @new);

        Assert.False(extension.IsValid);
        Assert.Equal("training.learning_rate changed from 0.01 to 0.02", Assert.Single(extension.Changes));
    }

    [Fact]
    public void Dropping_a_value_is_refused()
    {
        var @new = SpecReader.Read(SpecSamples.With("  d: [5, 10]", "  d: [10, 15]"), "new.yaml");

        var extension = SpecExtension.Check(Old, @new);

        Assert.False(extension.IsValid);
        Assert.Contains("grid.d drops [5]", Assert.Single(extension.Changes));
    }

    [Fact]
    public void The_same_spec_adds_nothing()
    {
        var extension = SpecExtension.Check(Old, Old);

        Assert.False(extension.IsValid);
        Assert.Contains("adds no axis value", extension.Describe());
    }
}
