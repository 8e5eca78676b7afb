using TorchSharp;

namespace Sweep.Training.Runtime;

/// <summary>
/// Process-wide TorchSharp settings. <see cref="Configure"/> sets the intra-op thread count once per process; the
/// app uses 1 thread per trainer, so a trial's numbers do not depend on how many trainer slots run.
/// </summary>
public static class TorchRuntime
{
    private static readonly Lock Gate = new();
    private static int? _intraOpThreads;

    /// <summary>Whether this assembly was built against the CUDA package (<c>-p:TorchBackend=cuda</c>).</summary>
    public static bool IsCudaBuild =>
#if TORCH_CUDA
        true;
#else
        false;
#endif

    /// <summary>The intra-op thread count set by <see cref="Configure"/>, or null before it is called.</summary>
    public static int? IntraOpThreads
    {
        get
        {
            lock (Gate)
            {
                return _intraOpThreads;
            }
        }
    }

    /// <summary>
    /// Calls <c>torch.set_num_threads</c> the first time; later calls with the same count do nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">When a different count was already configured in this process.</exception>
    public static void Configure(int intraOpThreads)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(intraOpThreads);
        lock (Gate)
        {
            if (_intraOpThreads is { } current)
            {
                if (current != intraOpThreads)
                {
                    throw new InvalidOperationException(
                        $"TorchSharp already runs with {current} intra-op thread(s) in this process; cannot switch to {intraOpThreads}.");
                }

                return;
            }

            torch.set_num_threads(intraOpThreads);
            _intraOpThreads = intraOpThreads;
        }
    }
}
