namespace Sweep.Cli;

/// <summary>What the <c>sweep</c> command's exit code means.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The sweep ran to its end, but some trials failed every attempt (see trials.csv and summary.json).</summary>
    public const int TrialsFailed = 1;

    /// <summary>Bad input: a spec, an argument, an extension that changes more than axis values.</summary>
    public const int BadInput = 2;

    /// <summary>Cannot use the cluster or the store: corrupt, locked, unreachable, or it has no sweep with that id.</summary>
    public const int Unreachable = 3;

    /// <summary>The sweep stopped before its end by a command from elsewhere: cancelled (for good) or paused (resume it).</summary>
    public const int Stopped = 4;

    /// <summary>Interrupted by the user (Ctrl-C); the sweep can be resumed.</summary>
    public const int Interrupted = 130;
}
