using System.Globalization;
using System.Runtime.InteropServices;
using TorchSharp;

namespace Sweep.Training.Runtime;

/// <summary>
/// Process-wide TorchSharp settings. <see cref="Configure"/> sets the intra-op thread count once per process; the
/// app uses 1 thread per trainer, so a trial's numbers do not depend on how many trainer slots run.
/// </summary>
/// <remarks>
/// libtorch's CPU build keeps the thread count per OS thread: <c>at::set_num_threads</c> calls
/// <c>omp_set_num_threads</c> and <c>mkl_set_num_threads_local</c>, which only affect the calling thread. Every other
/// thread starts with OpenMP's and MKL's default (the number of cores) and is moved to the configured count lazily, on
/// its first <c>at::parallel_for</c>. Until then, MKL calls such as the QR that builds Θ run with all cores and round
/// differently, so the first trial on a fresh trainer thread gave other losses than the same trial elsewhere.
/// <see cref="Configure"/> therefore also sets <c>OMP_NUM_THREADS</c> and <c>MKL_NUM_THREADS</c> in the native
/// environment before libtorch loads, so every thread starts at the configured count, and the trainers call
/// <see cref="ApplyToCurrentThread"/> first, which holds even where libtorch was loaded before <see cref="Configure"/>.
/// </remarks>
public static class TorchRuntime
{
    private static readonly Lock Gate = new();
    private static int? _intraOpThreads;

    [ThreadStatic]
    private static int _appliedOnThisThread;

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
    /// The first time: sets <c>OMP_NUM_THREADS</c> and <c>MKL_NUM_THREADS</c> in the native environment (read by
    /// OpenMP and MKL when libtorch loads, so call this before anything else touches TorchSharp), then calls
    /// <c>torch.set_num_threads</c>. Later calls with the same count do nothing.
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

            var count = intraOpThreads.ToString(CultureInfo.InvariantCulture);
            NativeEnvironment.Set("OMP_NUM_THREADS", count);
            NativeEnvironment.Set("MKL_NUM_THREADS", count);
            torch.set_num_threads(intraOpThreads);
            _intraOpThreads = intraOpThreads;
            _appliedOnThisThread = intraOpThreads;
        }
    }

    /// <summary>
    /// Applies the configured thread count to the calling thread (once per thread; nothing before
    /// <see cref="Configure"/>). Trainers call it first, so no op of a trial runs with another OpenMP or MKL count.
    /// </summary>
    public static void ApplyToCurrentThread()
    {
        if (IntraOpThreads is not { } threads || _appliedOnThisThread == threads)
        {
            return;
        }

        torch.set_num_threads(threads);
        _appliedOnThisThread = threads;
    }

    /// <summary>
    /// The C library's environment, which native code reads with <c>getenv</c>. .NET's
    /// <see cref="Environment.SetEnvironmentVariable(string, string)"/> only changes the runtime's own copy on Unix.
    /// </summary>
    private static class NativeEnvironment
    {
        public static void Set(string name, string value)
        {
            if (OperatingSystem.IsWindows())
            {
                Environment.SetEnvironmentVariable(name, value);
                return;
            }

            if (setenv(name, value, 1) != 0)
            {
                throw new InvalidOperationException($"setenv({name}) failed with errno {Marshal.GetLastPInvokeError()}.");
            }
        }

        [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        private static extern int setenv(string name, string value, int overwrite);
    }
}
