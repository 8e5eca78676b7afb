using Sweep.Actors.Trainers;
using Sweep.Training.Runtime;

namespace Sweep.Actors.Tests.Trainers;

public sealed class BaseCheckpointStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sweep-ckpt-store-").FullName;

    [Fact]
    public void Concurrent_slots_pretrain_a_stage_once_and_share_it()
    {
        var stage = LoraSamples.Spec().Pretrain!;
        var store = new BaseCheckpointStore(Path.Combine(_folder, "artifacts"));
        var pretrainingThreads = 0;

        var checkpoints = Enumerable.Range(0, 4).AsParallel().WithDegreeOfParallelism(4).Select(_ =>
        {
            var sawProgress = 0;
            var checkpoint = store.Get(stage, TorchDevice.Cpu, _ => sawProgress = 1, CancellationToken.None);
            Interlocked.Add(ref pretrainingThreads, sawProgress);
            return checkpoint;
        }).ToList();

        Assert.Equal(1, pretrainingThreads);
        Assert.All(checkpoints, c => Assert.Same(checkpoints[0], c));
        Assert.True(File.Exists(store.PathFor(stage)));

        // A second store (a resumed sweep in a new process) loads the file instead of pretraining again.
        var reloaded = new BaseCheckpointStore(Path.Combine(_folder, "artifacts")).Get(stage, TorchDevice.Cpu, _ => Assert.Fail("pretrained again"), CancellationToken.None);
        Assert.Equal(checkpoints[0].Parameters, reloaded.Parameters);
    }

    [Fact]
    public void Unwritable_artifacts_folder_gives_a_clear_error()
    {
        var blocker = Path.Combine(_folder, "not-a-folder");
        File.WriteAllText(blocker, "a file where the artifacts folder should be");
        var store = new BaseCheckpointStore(Path.Combine(blocker, "artifacts"));

        var e = Assert.Throws<BaseCheckpointException>(() => store.Get(LoraSamples.Spec().Pretrain!, TorchDevice.Cpu, null, CancellationToken.None));

        Assert.StartsWith($"Base checkpoint {store.PathFor(LoraSamples.Spec().Pretrain!)} cannot be read or written", e.Message);
    }

    [Fact]
    public void Truncated_checkpoint_is_refused_and_not_cached()
    {
        var stage = LoraSamples.Spec().Pretrain!;
        var store = new BaseCheckpointStore(Path.Combine(_folder, "artifacts"));
        var good = store.Get(stage, TorchDevice.Cpu, null, CancellationToken.None);
        var path = store.PathFor(stage);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var fresh = new BaseCheckpointStore(Path.Combine(_folder, "artifacts"));
        var e = Assert.Throws<BaseCheckpointException>(() => fresh.Get(stage, TorchDevice.Cpu, null, CancellationToken.None));
        Assert.Contains("is unusable", e.Message);

        File.WriteAllBytes(path, bytes); // repaired: the next attempt succeeds
        Assert.Equal(good.Parameters, fresh.Get(stage, TorchDevice.Cpu, null, CancellationToken.None).Parameters);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
