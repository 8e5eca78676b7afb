using Sweep.Core.Specs;
using Sweep.Training.Data;

namespace Sweep.Training.Tests;

public sealed class DatasetLoaderTests
{
    [Fact]
    public void Draws_are_without_replacement_and_follow_the_seed()
    {
        var first = DatasetLoader.DrawWithoutReplacement(2000, 1000, seed: 5);
        var again = DatasetLoader.DrawWithoutReplacement(2000, 1000, seed: 5);
        var other = DatasetLoader.DrawWithoutReplacement(2000, 1000, seed: 6);

        Assert.Equal(1000, first.Distinct().Count());
        Assert.All(first, i => Assert.InRange(i, 0, 1999));
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Drawing_the_whole_pool_is_a_permutation()
    {
        var all = DatasetLoader.DrawWithoutReplacement(50, 50, seed: 1);

        Assert.Equal(Enumerable.Range(0, 50), all.Order());
    }

    [Fact]
    public void Training_set_is_the_seeded_draw_from_the_pool()
    {
        var spec = TestTrials.Dataset(trainSize: 300, testSize: 100);
        var pool = SyntheticMixture.Generate(TestTrials.Task, 100).TrainPool;

        var data = DatasetLoader.Load(spec, dataSeed: 9);
        var expected = pool.Subset(DatasetLoader.DrawWithoutReplacement(pool.Count, 300, 9));

        Assert.Equal(300, data.Train.Count);
        Assert.Equal(100, data.Test.Count);
        Assert.Equal(expected.Features, data.Train.Features);
        Assert.Equal(expected.Labels, data.Train.Labels);
        Assert.NotEqual(data.Train.Features, DatasetLoader.Load(spec, dataSeed: 10).Train.Features);
    }

    [Fact]
    public void Test_split_is_fixed_and_a_prefix_of_a_larger_one()
    {
        var small = DatasetLoader.Load(TestTrials.Dataset(trainSize: 10, testSize: 50), dataSeed: 1).Test;
        var large = DatasetLoader.Load(TestTrials.Dataset(trainSize: 20, testSize: 200), dataSeed: 2).Test;

        Assert.Equal(small.Features, large.Features[..small.Features.Length]);
        Assert.Equal(small.Labels, large.Labels[..50]);
    }

    [Fact]
    public void Train_size_larger_than_the_pool_names_the_field()
    {
        var spec = TestTrials.Dataset(trainSize: 2001);

        var error = Assert.Throws<ArgumentException>(() => DatasetLoader.Load(spec, 1));

        Assert.Contains("dataset.train_size", error.Message);
        Assert.Contains("2000", error.Message);
    }

    [Fact]
    public void Synthetic_task_is_seeded_with_balanced_labels()
    {
        var spec = new SyntheticSpec(Features: 3, Classes: 5, Separation: 2, PoolSize: 1000, Seed: 4);

        var a = SyntheticMixture.Generate(spec, 10);
        var b = SyntheticMixture.Generate(spec, 10);
        var c = SyntheticMixture.Generate(spec with { Seed = 5 }, 10);

        Assert.Equal(a.TrainPool.Features, b.TrainPool.Features);
        Assert.NotEqual(a.TrainPool.Features, c.TrainPool.Features);
        Assert.All(a.TrainPool.Labels.CountBy(l => l), g => Assert.Equal(200, g.Value));
        Assert.NotEqual(a.TrainPool.Features[..30], a.Test.Features);
    }
}
