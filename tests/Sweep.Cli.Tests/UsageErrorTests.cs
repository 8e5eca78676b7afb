using Sweep.Cli.Tests.Infrastructure;

namespace Sweep.Cli.Tests;

/// <summary>
/// A command line that does not parse is bad input (exit 2, with the usage line), never exit 1, which means failed
/// trials; a signal at any moment of a command exits 130.
/// </summary>
public sealed class UsageErrorTests : IDisposable
{
    private readonly string _folder = TestSpecs.Folder("usage");

    [Theory]
    [InlineData("", "Required command was not provided", "usage: sweep [command] [options]")]
    [InlineData("bogus", "unknown command 'bogus' for 'sweep'", "usage: sweep [command] [options]")]
    [InlineData("run", "Required argument 'spec' missing", "usage: sweep run <spec> [options]")]
    [InlineData("run spec.yaml --slots abc", "'abc' for option '--slots'", "usage: sweep run <spec> [options]")]
    [InlineData("mi x.csv y.csv --k abc", "'abc' for option '--k'", "usage: sweep mi <x> <y> [options]")]
    [InlineData("validate --bogus-opt spec.yaml", "unknown option '--bogus-opt' for 'sweep validate'", "usage: sweep validate <spec> [options]")]
    [InlineData("cluster show --contact", "--contact", "usage: sweep cluster show [options]")]
    public async Task A_command_line_that_does_not_parse_is_bad_input_with_the_usage_line(string line, string error, string usage)
    {
        TestSpecs.Write(_folder, "spec.yaml", TestSpecs.Quick);

        var (code, output) = await SweepProcess.RunAsync(_folder, line.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.True(code == 2, $"exit {code}\n{output}");
        Assert.Contains(error, output);
        Assert.Contains(usage, output);
        Assert.DoesNotContain("spec.yaml:", output); // the spec is not blamed for an option
    }

    [Theory]
    [InlineData("status", "--contact", "notahost:99999")]
    [InlineData("nodes", "--contact", "127.0.0.1")]
    [InlineData("run", "--cluster", "127.0.0.1:0")]
    public async Task A_contact_that_is_not_an_address_is_refused_before_any_connection(string command, string option, string address)
    {
        string[] args = command == "run" ? ["run", TestSpecs.Write(_folder, "spec.yaml", TestSpecs.Quick), option, address] : [command, option, address];

        var (code, output) = await SweepProcess.RunAsync(_folder, args);

        Assert.True(code == 2, $"exit {code}\n{output}");
        Assert.Contains($"'{address}' is not a node address", output);
    }

    [Fact]
    public async Task A_contact_whose_host_does_not_resolve_is_unreachable_at_once()
    {
        var (code, output) = await SweepProcess.RunAsync(_folder, "status", "--contact", "no-such-host.invalid:4053");

        Assert.True(code == 3, $"exit {code}\n{output}");
        Assert.Contains("'no-such-host.invalid' does not resolve", output);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(15)]
    public async Task A_signal_while_the_store_opens_exits_130(int signal)
    {
        // The first line is printed before the store is opened and the node starts: the moment that used to exit 1.
        using var run = SweepProcess.Start(_folder, "run", TestSpecs.Write(_folder, "spec.yaml", TestSpecs.Quick), "--store", "sqlite:journal.db");
        await run.WaitForLineAsync(l => l.StartsWith("store", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        run.Signal(signal);

        var code = await run.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.True(code == 130, $"exit {code}\n{run.Output}");
        Assert.Contains("interrupted", run.Output);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
