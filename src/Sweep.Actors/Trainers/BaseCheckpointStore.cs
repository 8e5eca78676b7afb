using System.Collections.Concurrent;
using Sweep.Core.Lora;
using Sweep.Training.Lora;
using Sweep.Training.Runtime;
using Sweep.Training.Subspace;

namespace Sweep.Actors.Trainers;

/// <summary>A base checkpoint that cannot be read, verified or written; the trial fails with this message.</summary>
public sealed class BaseCheckpointException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// The base checkpoints of LoRA sweeps, one file per pretraining stage: <c>&lt;folder&gt;/base-&lt;stage hash&gt;.ckpt</c>,
/// where the folder is <c>&lt;results root&gt;/artifacts</c>. The first trial of a stage pretrains and saves it
/// (atomically); every later trial, a resumed sweep and an extended one load and verify it, since the stage hash
/// names everything that shapes it. Within one process a stage is pretrained at most once: slots that need it wait
/// on one lock per file, and a loaded checkpoint stays in memory. A failure is not cached, so a retry tries again.
/// </summary>
public sealed class BaseCheckpointStore(string folder)
{
    private static readonly ConcurrentDictionary<string, Lock> Gates = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, BaseCheckpoint> _loaded = new(StringComparer.Ordinal);

    public string Folder { get; } = Path.GetFullPath(folder);

    public string PathFor(PretrainSpec stage) => Path.Combine(Folder, $"base-{Pretrainer.StageHash(stage)}.ckpt");

    /// <exception cref="BaseCheckpointException">The stored file is corrupt, of another stage, or cannot be written.</exception>
    public BaseCheckpoint Get(PretrainSpec stage, TorchDevice device, Action<TrainingProgress>? progress, CancellationToken ct)
    {
        var path = PathFor(stage);
        if (_loaded.TryGetValue(path, out var checkpoint))
        {
            return checkpoint;
        }

        lock (Gates.GetOrAdd(path, _ => new Lock()))
        {
            if (_loaded.TryGetValue(path, out checkpoint))
            {
                return checkpoint;
            }

            try
            {
                checkpoint = Pretrainer.LoadOrPretrain(stage, path, device, progress, ct);
            }
            catch (InvalidDataException e)
            {
                throw new BaseCheckpointException($"Base checkpoint {path} is unusable: {e.Message}", e);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new BaseCheckpointException($"Base checkpoint {path} cannot be read or written: {e.Message}", e);
            }

            _loaded[path] = checkpoint;
            return checkpoint;
        }
    }
}
