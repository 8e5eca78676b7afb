using System.Runtime.InteropServices;

namespace Sweep.Cli;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM, from the first instruction of Main on: the first signal cancels the command's token,
/// so the command stops cleanly (finished trials are in the journal) and the process exits 130; a second signal
/// exits 130 at once. One rule for every command and every moment, including start-up, before any node exists.
/// </summary>
public sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _signals;

    public Interruption()
    {
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
        }
    }

    public CancellationToken Token => _cancel.Token;

    public bool Happened => Volatile.Read(ref _signals) > 0;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _cancel.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true; // not the runtime's default (terminate now): the command ends itself
        if (Interlocked.Increment(ref _signals) > 1)
        {
            Console.Error.WriteLine("interrupted again: exiting now.");
            Environment.Exit(ExitCodes.Interrupted);
        }

        _cancel.Cancel();
    }
}
