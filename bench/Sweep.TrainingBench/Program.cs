// One configuration per process, so VmHWM is that configuration's peak RSS:
//   Sweep.TrainingBench <mlp|lenet|wide> <plain|dense|orthonormal|sparse|fastfood> <d> <steps>
// Prints one line: model D kind d setup_s step_ms peak_rss_mib. Batch 128, Adam 1e-3, one intra-op thread,
// synthetic 784-feature 10-class data (the step cost does not depend on the pixels).
using System.Diagnostics;
using System.Globalization;
using Sweep.Core.Specs;
using Sweep.Training.Data;
using Sweep.Training.Models;
using Sweep.Training.Optimization;
using Sweep.Training.Projections;
using Sweep.Training.Runtime;
using Sweep.Training.Subspace;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

var model = args[0];
var kind = args[1];
var d = int.Parse(args[2], CultureInfo.InvariantCulture);
var steps = int.Parse(args[3], CultureInfo.InvariantCulture);
TorchRuntime.Configure(1);
TorchRuntime.ApplyToCurrentThread();

INetwork network = model switch
{
    "mlp" => new FunctionalMlp([784, 200, 200, 10]),
    "lenet" => new FunctionalLeNet5(10),
    "wide" => new FunctionalMlp([784, 1000, 1000, 10]),
    _ => throw new ArgumentException($"unknown model {model}"),
};
var data = SyntheticMixture.Generate(new SyntheticSpec(784, 10, 3, 2048, 1), 128);
using var train = new DeviceDataset(data.TrainPool, torch.CPU);
using var generator = new torch.Generator(1, torch.CPU);
using var initial = network.InitialParameters(generator);

var setup = Stopwatch.StartNew();
IProjection? projection = kind == "plain" ? null : ProjectionFactory.Create(Enum.Parse<ProjectionKind>(kind, ignoreCase: true), network.ParameterCount, d, seed: 7, torch.CPU);
setup.Stop();

using var trained = kind == "plain"
    ? new Parameter(initial.clone())
    : new Parameter(torch.zeros(d, dtype: ScalarType.Float32));
Func<Tensor, Tensor> logits = projection is null
    ? x => network.Forward(trained, x)
    : x =>
    {
        using var theta = projection.Offset(initial, trained);
        return network.Forward(theta, x);
    };
using var optimizer = OptimizerFactory.Create(new TrainingSpec(OptimizerKind.Adam, 1e-3, 1, null, 128), [trained]);
var schedule = new BatchSchedule(train.Count, 128, 3);
var warmup = Math.Max(3, steps / 10);
var times = new List<double>();
for (var step = 0; step < warmup + steps; step++)
{
    var watch = Stopwatch.StartNew();
    MinibatchStep.Run(train, schedule.Next(), logits, optimizer);
    if (step >= warmup)
    {
        times.Add(watch.Elapsed.TotalMilliseconds);
    }
}

times.Sort();
var peak = File.ReadLines("/proc/self/status").Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
var peakMib = long.Parse(peak["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{model} {network.ParameterCount} {kind} {(kind == "plain" ? 0 : d)} {setup.Elapsed.TotalSeconds:F3} {times[times.Count / 2]:F3} {peakMib:F0}"));
projection?.Dispose();
