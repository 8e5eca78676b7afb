using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Sweep.Core.Estimators;

// Same-run benchmarks of the MI estimators (issue 6). Every figure is printed beside a baseline measured in this
// process, so the ratios hold on a busy machine. Usage: Sweep.Benchmarks [python3 path for the scikit-learn peer].
var python = args.Length > 0 ? args[0] : "/usr/bin/python3";
Console.WriteLine($"## Estimators (issue 6)\n\nMachine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; best of the runs shown; load average at the start: {LoadAverage()}.\n");

// Warm-up, so no figure pays for JIT compilation.
{
    var (wx, wy) = GaussianSamples.Draw(GaussianSamples.CrossIdentity(2, 0.5), 2, 2000, 99);
    Ksg.Estimate(wx, wy);
    Ksg.Estimate(wx, wy, new KsgOptions(Search: NeighbourSearch.BruteForce));
    SlicedMi.Estimate(wx, wy, new SlicedMiOptions(Slices: 50));
}

// 1. KSG in a 10-dim joint space: k-d tree against brute force, same jittered data.
{
    const int n = 10_000;
    var (x, y) = GaussianSamples.Draw(GaussianSamples.CrossIdentity(5, 0.6), 5, n, 1);
    var (tree, treeTime) = Best(3, () => Ksg.Estimate(x, y));
    var (brute, bruteTime) = Best(1, () => Ksg.Estimate(x, y, new KsgOptions(Search: NeighbourSearch.BruteForce)));
    if (tree != brute)
    {
        throw new InvalidOperationException($"k-d tree gave {tree:R}, brute force {brute:R}");
    }

    Console.WriteLine($"### KSG, n = {n:N0}, X, Y ∈ R^5 (10-dim joint), k = 3\n");
    Console.WriteLine("| search | estimate (nats) | time | ratio |\n|---|---|---|---|");
    Console.WriteLine($"| brute force O(n²) (baseline) | {brute:F6} | {bruteTime:F2} s | 1 |");
    Console.WriteLine($"| k-d tree | {tree:F6} | {treeTime:F2} s | {bruteTime / treeTime:F1}× faster |");
    Console.WriteLine($"\nEstimates equal bit for bit: {tree == brute} ({tree:R}). Truth −(5/2)·ln(1 − 0.36) = {-2.5 * Math.Log(1 - 0.36):F4}: KSG's bias in 10 dims.\n");
}

// 2. k-SMI, m = 1000 two-sided slices (k = 1) at n = 10,000, against one base KSG call on a slice of the same data.
{
    const int n = 10_000;
    const int m = 1000;
    var (x, y) = GaussianSamples.Draw(GaussianSamples.CrossIdentity(10, 0.9), 10, n, 2);
    var random = new Sweep.Core.Randomness.SplitMix64(3);
    var xs = x.Project(StiefelSlices.Draw(10, 1, random), 1);
    var ys = y.Project(StiefelSlices.Draw(10, 1, random), 1);
    var (_, oneCall) = Best(5, () => Ksg.Estimate(xs, ys));
    var (sliced, slicedTime) = Best(2, () => SlicedMi.Estimate(x, y, new SlicedMiOptions(Slices: m, Seed: 2)));
    var (_, serialTime) = Best(1, () => SlicedMi.Estimate(x, y, new SlicedMiOptions(Slices: m, Seed: 2), maxDegreeOfParallelism: 1));
    Console.WriteLine($"### k-SMI, m = {m:N0} two-sided slices, k = 1, n = {n:N0}, X, Y ∈ R^10, cross-covariance 0.9·I\n");
    Console.WriteLine("| run | time | ratio to one KSG call |\n|---|---|---|");
    Console.WriteLine($"| one KSG call on a 1-D × 1-D slice (baseline) | {oneCall * 1000:F1} ms | 1 |");
    Console.WriteLine($"| k-SMI, 1 thread | {serialTime:F2} s | {serialTime / oneCall:F0} |");
    Console.WriteLine($"| k-SMI, Parallel.For over slices | {slicedTime:F2} s | {slicedTime / oneCall:F0} (ideal {m / (double)Environment.ProcessorCount:F0} on {Environment.ProcessorCount} cores) |");
    Console.WriteLine($"\nEstimate {sliced.Mean:F4} ± {sliced.StandardError:F4} nats (closed form {GaussianMi.SlicedIsotropicTwoSided(10, 0.9):F4}). Goal under 10 s on 2 cores: {(slicedTime < 10 ? "met" : "missed")}.\n");
}

// 3. scikit-learn's mutual_info_regression (KSG, n_neighbors = 3) on 1-D pairs, on the same files.
{
    Console.WriteLine("### Against scikit-learn's `mutual_info_regression` on 1-D pairs, ρ = 0.75 (truth 0.4133 nats)\n");
    Console.WriteLine("| n | Sweep KSG (nats) | scikit-learn (nats) | Sweep time | scikit-learn time | scikit-learn / Sweep |\n|---|---|---|---|---|---|");
    var folder = Directory.CreateTempSubdirectory("sweep-bench-").FullName;
    try
    {
        foreach (var n in new[] { 1_000, 10_000, 100_000 })
        {
            var (x, y) = GaussianSamples.Draw(GaussianSamples.CrossIdentity(1, 0.75), 1, n, n);
            var (ours, ourTime) = Best(3, () => Ksg.Estimate(x, y));
            var file = Path.Combine(folder, $"pair-{n}.csv");
            File.WriteAllLines(file, Enumerable.Range(0, n).Select(i => string.Create(CultureInfo.InvariantCulture, $"{x[i, 0]:R},{y[i, 0]:R}")));
            var (theirs, theirTime) = ScikitLearn(python, file);
            Console.WriteLine($"| {n:N0} | {ours:F4} | {theirs:F4} | {ourTime * 1000:F1} ms | {theirTime * 1000:F1} ms | {theirTime / ourTime:F1} |");
        }
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
    }

    Console.WriteLine("\nscikit-learn rescales each variable to unit variance and adds its own noise (1e-10 of the scale); Sweep adds 1e-10 of each column's sd. Both use k = 3, so the estimates differ only through that rescaling and noise. Times are in-process (Python startup and file reading excluded), best of 3.");
}

Console.WriteLine($"\nLoad average at the end: {LoadAverage()} (other work on the machine slows the wall-clock figures, not the ratios).");

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static (T Value, double Seconds) Best<T>(int runs, Func<T> action)
{
    var best = double.PositiveInfinity;
    T value = default!;
    for (var r = 0; r < runs; r++)
    {
        var watch = Stopwatch.StartNew();
        value = action();
        best = Math.Min(best, watch.Elapsed.TotalSeconds);
    }

    return (value, best);
}

static (double Estimate, double Seconds) ScikitLearn(string python, string file)
{
    const string script = """
        import sys, json, time, numpy as np
        from sklearn.feature_selection import mutual_info_regression
        data = np.loadtxt(sys.argv[1], delimiter=',')
        x, y = data[:, :1], data[:, 1]
        best, mi = float('inf'), None
        for _ in range(3):
            t = time.perf_counter()
            mi = mutual_info_regression(x, y, n_neighbors=3, random_state=0)[0]
            best = min(best, time.perf_counter() - t)
        print(json.dumps({'mi': float(mi), 'seconds': best}))
        """;
    var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
    start.ArgumentList.Add("-c");
    start.ArgumentList.Add(script);
    start.ArgumentList.Add(file);
    using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {python}");
    var output = process.StandardOutput.ReadToEnd();
    var error = process.StandardError.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"{python} failed (is python3-sklearn installed?): {error}");
    }

    var json = JsonDocument.Parse(output).RootElement;
    return (json.GetProperty("mi").GetDouble(), json.GetProperty("seconds").GetDouble());
}
