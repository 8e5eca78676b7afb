using System.Collections.Concurrent;
using System.Diagnostics;

namespace Sweep.Cli.Tests.Infrastructure;

/// <summary>
/// The real <c>sweep</c> command in a child process (the sweep.dll built beside the tests), in a working folder of
/// the test's. Output lines are collected as they come, so a test can SIGKILL the process at a chosen moment.
/// </summary>
public sealed class SweepProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly SemaphoreSlim _lineArrived = new(0);

    private SweepProcess(Process process) => _process = process;

    public static string SweepDll => Path.Combine(AppContext.BaseDirectory, "sweep.dll");

    public IReadOnlyList<string> Lines => [.. _lines];

    public int Id => _process.Id;

    public string Output => string.Join('\n', _lines);

    public static SweepProcess Start(string workingDirectory, params string[] args) => Start(workingDirectory, unprivileged: false, args);

    /// <summary>
    /// As a user without privileges, for whom file modes hold: the current user when it is not root, else uid/gid
    /// 65534 (nobody) through util-linux's setpriv. The working folder must be reachable by that user.
    /// </summary>
    public static SweepProcess StartUnprivileged(string workingDirectory, params string[] args) => Start(workingDirectory, unprivileged: true, args);

    /// <summary>Runs to the end as a user without privileges (see <see cref="StartUnprivileged"/>).</summary>
    public static async Task<(int ExitCode, string Output)> RunUnprivilegedAsync(string workingDirectory, params string[] args)
    {
        using var sweep = StartUnprivileged(workingDirectory, args);
        var code = await sweep.WaitAsync(TimeSpan.FromMinutes(4));
        return (code, sweep.Output);
    }

    private static SweepProcess Start(string workingDirectory, bool unprivileged, string[] args)
    {
        var asNobody = unprivileged && Environment.IsPrivilegedProcess;
        var info = new ProcessStartInfo(asNobody ? "setpriv" : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asNobody)
        {
            foreach (var arg in new[] { "--reuid=65534", "--regid=65534", "--clear-groups", "dotnet" })
            {
                info.ArgumentList.Add(arg);
            }

            info.Environment["HOME"] = workingDirectory;
            info.Environment["DOTNET_CLI_HOME"] = workingDirectory;
        }

        info.ArgumentList.Add(SweepDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Remove("SWEEP_STORE");
        info.Environment.Remove("SWEEP_RESULTS");
        info.Environment["COLUMNS"] = "200";
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var sweep = new SweepProcess(process);
        process.OutputDataReceived += (_, e) => sweep.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => sweep.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return sweep;
    }

    /// <summary>Runs to the end; returns the exit code and everything printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, params string[] args)
    {
        using var sweep = Start(workingDirectory, args);
        var code = await sweep.WaitAsync(TimeSpan.FromMinutes(4));
        return (code, sweep.Output);
    }

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"sweep {string.Join(' ', _process.StartInfo.ArgumentList.Skip(1))} did not end within {timeout}:\n{Output}");
        }

        _process.WaitForExit(); // drains the output
        return _process.ExitCode;
    }

    /// <summary>Waits until the process prints a line that matches.</summary>
    public async Task WaitForLineAsync(Func<string, bool> moment, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Lines.Any(moment))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No matching line (exited: {_process.HasExited}):\n{Output}");
            }

            await _lineArrived.WaitAsync(TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>SIGKILLs the process as soon as it prints a line that matches; false if it ended first.</summary>
    public async Task<bool> KillWhenAsync(Func<string, bool> moment, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var seen = 0;
        while (DateTime.UtcNow < deadline)
        {
            var lines = Lines;
            for (; seen < lines.Count; seen++)
            {
                if (moment(lines[seen]))
                {
                    _process.Kill(entireProcessTree: true); // SIGKILL on Linux
                    await _process.WaitForExitAsync();
                    return true;
                }
            }

            if (_process.HasExited)
            {
                return false;
            }

            await _lineArrived.WaitAsync(TimeSpan.FromMilliseconds(200));
        }

        throw new TimeoutException($"No matching line within {timeout}:\n{Output}");
    }

    /// <summary>Sends a signal (2 SIGINT, as Ctrl-C does; 15 SIGTERM) to the process.</summary>
    public void Signal(int signal)
    {
        if (kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: {System.Runtime.InteropServices.Marshal.GetLastPInvokeErrorMessage()}");
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    /// <summary>SIGKILL now.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        _lineArrived.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        _lineArrived.Release();
    }
}
