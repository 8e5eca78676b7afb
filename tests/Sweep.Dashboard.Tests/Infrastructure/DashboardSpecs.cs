using Sweep.Tests.Shared;

namespace Sweep.Dashboard.Tests.Infrastructure;

/// <summary>Small real specs: trained on synthetic data, with a learning-rate axis whose 1e30 half diverges (NaN) at once.</summary>
internal static class DashboardSpecs
{
    /// <summary>12 trials: d = 2, 4, 8 × 2 seeds × learning rate 0.5 (trains, about a second or two each on one core) and 1e30 (NaN within a few steps).</summary>
    public static readonly string Live = SpecYaml.Killable
        .With("name: killable", "name: live")
        .With("  range: 1.0", "  range: 1.0\n  aware: false")
        .With("optimizer: adam", "optimizer: sgd")
        .With("learning_rate: 0.05", "learning_rate: 0.5")
        .With("epochs: 50", "epochs: 40")
        .With("  d: [5, 10, 20]\n  seeds: 2", "  d: [2, 4, 8]\n  seeds: 2\n  learning_rate: [0.5, 1e30]");

    /// <summary>The same grid in well under a second per trial, for API tests against its journal.</summary>
    public static readonly string Quick = Live
        .Replace("name: live", "name: quick")
        .Replace("features: 20", "features: 8")
        .Replace("pool_size: 4000", "pool_size: 600")
        .Replace("train_size: 2000", "train_size: 300")
        .Replace("test_size: 1000", "test_size: 300")
        .Replace("widths: [20, 256, 256, 4]", "widths: [8, 16, 4]")
        .Replace("epochs: 40", "epochs: 5")
        .Replace("batch_size: 100", "batch_size: 50");

    public static string Folder(string prefix) => Directory.CreateTempSubdirectory("sweep-dashboard-" + prefix + "-").FullName;

    public static string Write(string folder, string name, string yaml)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    /// <summary>Screenshots go to TestResults/dashboard/ at the repository root (or $SWEEP_TEST_ARTIFACTS).</summary>
    public static string Artifacts
    {
        get
        {
            if (Environment.GetEnvironmentVariable("SWEEP_TEST_ARTIFACTS") is { Length: > 0 } folder)
            {
                return folder;
            }

            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sweep.sln")))
            {
                dir = dir.Parent;
            }

            return Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "TestResults", "dashboard");
        }
    }

    /// <summary>The value after a line's label, e.g. "dashboard http://127.0.0.1:41234/" → the address.</summary>
    public static string After(IEnumerable<string> lines, string label) =>
        lines.First(l => l.StartsWith(label + " ", StringComparison.Ordinal))[(label.Length + 1)..].Trim().Split(' ')[0];
}
