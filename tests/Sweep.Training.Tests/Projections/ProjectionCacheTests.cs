using Sweep.Core.Specs;
using Sweep.Training.Projections;

namespace Sweep.Training.Tests.Projections;

public sealed class ProjectionCacheTests : TorchTestBase
{
    private static ProjectionKey Key(long seed, ProjectionKind kind = ProjectionKind.Dense, int d = 10) => new(kind, 1000, d, seed, "cpu");

    [Fact]
    public void The_same_key_gives_the_same_projection_drawn_once()
    {
        var cache = new ProjectionCache(1L << 30);

        using var first = cache.Acquire(Key(1));
        using var second = cache.Acquire(Key(1));
        using var other = cache.Acquire(Key(2));

        Assert.Same(first.Projection, second.Projection);
        Assert.NotSame(first.Projection, other.Projection);
        Assert.Equal(2, cache.Draws);
        Assert.Equal(2 * 1000 * 10 * sizeof(float), cache.Bytes);
    }

    [Fact]
    public void Trainers_on_several_threads_asking_at_once_share_one_draw()
    {
        var cache = new ProjectionCache(1L << 30);
        using var barrier = new Barrier(6);

        var tasks = Enumerable.Range(0, 6)
            .Select(_ => Task.Factory.StartNew(() => { barrier.SignalAndWait(); return cache.Acquire(Key(7, ProjectionKind.Orthonormal, d: 50)); }, TaskCreationOptions.LongRunning))
            .ToList();
        var leases = tasks.Select(t => t.Result).ToList();

        Assert.Equal(1, cache.Draws);
        Assert.Single(leases.Select(l => l.Projection).Distinct());
        leases.ForEach(l => l.Dispose());
    }

    [Fact]
    public void Idle_projections_beyond_the_bound_are_evicted_least_recently_used_first_and_held_ones_never()
    {
        const long one = 1000 * 10 * sizeof(float);
        var cache = new ProjectionCache(2 * one);

        var held = cache.Acquire(Key(1));
        cache.Acquire(Key(2)).Dispose();
        cache.Acquire(Key(3)).Dispose();
        Assert.Equal(2 * one, cache.Bytes);

        using var again = cache.Acquire(Key(1));
        Assert.Same(held.Projection, again.Projection);
        cache.Acquire(Key(3)).Dispose();
        Assert.Equal(3, cache.Draws);
        cache.Acquire(Key(2)).Dispose();
        Assert.Equal(4, cache.Draws);

        var matrix = ((DenseProjection)held.Projection).Matrix;
        using var nonZero = matrix.ne(0).sum();
        Assert.Equal(1000 * 10, nonZero.item<long>());
        held.Dispose();
    }
}
