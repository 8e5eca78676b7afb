using System.Diagnostics;
using System.Globalization;
using Sweep.Core.Estimators;
using Sweep.Core.Randomness;
using Sweep.Core.Topology;

// Same-run benchmark of the Vietoris–Rips barcodes (issue 17) against Debian's ripser 1.2 on the same point clouds.
// Usage: Sweep.Benchmarks.Homology [ripser path] [sizes, comma-separated] [repeats].
var ripser = args.Length > 0 ? args[0] : "/usr/bin/ripser";
var sizes = args.Length > 1 ? args[1].Split(',').Select(int.Parse).ToArray() : [500, 1000, 2000];
var repeats = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
Console.WriteLine($"## Persistent homology (issue 17)\n\nMachine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; load average at the start: {LoadAverage()}; best of {repeats} runs each, after a warm-up.\n");

VietorisRips.Compute(Uniform(300, 9, 99));

var folder = Directory.CreateTempSubdirectory("sweep-bench-homology-").FullName;
try
{
    Console.WriteLine("| cloud | n | Sweep | ripser | Sweep / ripser | H₁ bars (Sweep, ripser) | largest bar difference |\n|---|---|---|---|---|---|---|");
    foreach (var (name, dimension) in new[] { ("uniform in [0, 1]^9", 9), ("uniform in [0, 1]^25", 25), ("3×3 edge filters, normalized", 0) })
    {
        // A densely sampled circle is Rips's hard case (long column reductions); the pipeline hands it 300 landmarks.
        foreach (var n in dimension > 0 ? sizes : [250, 500, 1000])
        {
            var points = dimension > 0 ? Uniform(n, dimension, n + dimension) : EdgeFilters(n);
            var file = Path.Combine(folder, $"cloud-{n}-{dimension}.csv");
            File.WriteAllLines(file, Enumerable.Range(0, points.Count).Select(i => string.Join(',', points.Row(i).ToArray().Select(v => ((float)v).ToString("R", CultureInfo.InvariantCulture)))));
            var (ours, ourTime) = Best(repeats, () => VietorisRips.Compute(points));
            var (theirs, theirTime) = Best(repeats, () => Ripser(ripser, file));
            var difference = LargestDifference(ours, theirs);
            Console.WriteLine($"| {name} | {n:N0} | {ourTime:F2} s | {theirTime:F2} s | {ourTime / theirTime:F2} | {ours.H1.Count}, {theirs[1].Count} | {difference:G2} |");
        }
    }

    Console.WriteLine("\nSweep's time is in-process: the distance matrix from the points, then H₀ and H₁ up to the enclosing radius. ripser's is the wall time of the process (`--format point-cloud --dim 1`), reading the same points from a file (written as 32-bit floats, which is what ripser computes in). The largest bar difference is the largest gap between the sorted births, or the sorted deaths, of the two barcodes (ripser computes distances in 32-bit floats, Sweep in doubles); differing bar counts would print NaN.");
}
finally
{
    Directory.Delete(folder, recursive: true);
}

static SampleMatrix Uniform(int n, int dimension, long seed)
{
    var random = new SplitMix64(seed);
    var values = new double[n * dimension];
    for (var i = 0; i < values.Length; i++)
    {
        values[i] = (float)random.NextDouble();
    }

    return SampleMatrix.FromRowMajor(values, n, dimension);
}

// The normalized cloud of noisy 3×3 oriented edges (σ = 0.1): the primary circle in R^9, values rounded to floats.
static SampleMatrix EdgeFilters(int n)
{
    var (normalized, _) = FilterNormalization.CentreAndNormalize(SyntheticFilters.OrientedEdges(n, 3, 0.1, n));
    var values = normalized!.Values.ToArray().Select(v => (double)(float)v).ToArray();
    return SampleMatrix.FromRowMajor(values, normalized.Count, normalized.Dimension);
}

static List<PersistenceInterval>[] Ripser(string program, string file)
{
    var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var argument in new[] { "--format", "point-cloud", "--dim", "1", file })
    {
        start.ArgumentList.Add(argument);
    }

    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEnd();
    process.StandardError.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"ripser exited {process.ExitCode}");
    }

    var bars = new[] { new List<PersistenceInterval>(), new List<PersistenceInterval>() };
    var dimension = -1;
    foreach (var line in output.Split('\n'))
    {
        if (line.StartsWith("persistence intervals in dim ", StringComparison.Ordinal))
        {
            dimension = int.Parse(line["persistence intervals in dim ".Length..].TrimEnd(':'), CultureInfo.InvariantCulture);
        }
        else if (line.StartsWith(" [", StringComparison.Ordinal) && dimension is 0 or 1)
        {
            var parts = line.Trim().TrimStart('[').TrimEnd(')').Split(',');
            var death = parts[1].Trim().Length == 0 ? double.PositiveInfinity : double.Parse(parts[1], CultureInfo.InvariantCulture);
            bars[dimension].Add(new PersistenceInterval(double.Parse(parts[0], CultureInfo.InvariantCulture), death));
        }
    }

    return bars;
}

// The largest gap between the sorted births, and between the sorted finite deaths, of each dimension: float and
// double distances may pair near-equal bars differently, but each sorted list moves only by the rounding. NaN when
// the bar counts differ.
static double LargestDifference(PersistenceBarcodes ours, List<PersistenceInterval>[] theirs)
{
    var largest = 0.0;
    for (var d = 0; d <= 1; d++)
    {
        var a = ours.Dimension(d);
        var b = theirs[d];
        if (a.Count != b.Count || a.Count(x => x.IsEssential) != b.Count(x => x.IsEssential))
        {
            return double.NaN;
        }

        largest = Math.Max(largest, Gap(a.Select(x => x.Birth), b.Select(x => x.Birth)));
        largest = Math.Max(largest, Gap(a.Where(x => !x.IsEssential).Select(x => x.Death), b.Where(x => !x.IsEssential).Select(x => x.Death)));
    }

    return largest;
}

static double Gap(IEnumerable<double> a, IEnumerable<double> b) =>
    a.Order().Zip(b.Order(), (x, y) => Math.Abs(x - y)).DefaultIfEmpty(0).Max();

static (T Result, double Seconds) Best<T>(int repeats, Func<T> run)
{
    var result = run();
    var best = double.PositiveInfinity;
    for (var r = 0; r < repeats; r++)
    {
        var watch = Stopwatch.StartNew();
        result = run();
        best = Math.Min(best, watch.Elapsed.TotalSeconds);
    }

    return (result, best);
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
