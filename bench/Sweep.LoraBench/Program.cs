using System.Diagnostics;
using System.Globalization;
using Sweep.Core.Lora;
using Sweep.Core.Specs;
using Sweep.Core.Trials;
using Sweep.Training.Lora;
using Sweep.Training.Runtime;

// A LoRA rank sweep on Fashion-MNIST: pretrain once on classes 0–4, fine-tune adapters on classes 5–9 over
// ranks × modes × seeds, two trials at a time (one intra-op thread each). Prints one CSV row per trial.
// Usage: dotnet run -c Release --project bench/Sweep.LoraBench -- [key=value ...]
var options = args.Select(a => a.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
string Get(string key, string fallback) => options.GetValueOrDefault(key, fallback);
int[] Ints(string key, string fallback) => Get(key, fallback).Split(',').Select(int.Parse).ToArray();

var widths = Ints("widths", "784,200,200,10");
var ranks = Ints("ranks", "1,2,4,8,16");
var seeds = Ints("seeds", "1,2");
var modes = Get("modes", "B-only,A-only,both").Split(',').Select(LoraModes.Parse).ToArray();
var n = int.Parse(Get("n", "10000"), CultureInfo.InvariantCulture);
var testSize = int.Parse(Get("test", "5000"), CultureInfo.InvariantCulture);
var epochs = int.Parse(Get("epochs", "5"), CultureInfo.InvariantCulture);
var learningRate = double.Parse(Get("lr", "0.003"), CultureInfo.InvariantCulture);
var bits = int.Parse(Get("bits", LoraTrialSettings.DefaultBits.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
var range = double.Parse(Get("range", LoraTrialSettings.DefaultRange.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
var workers = int.Parse(Get("workers", "2"), CultureInfo.InvariantCulture);
var checkpointPath = Get("checkpoint", Path.Combine(Path.GetTempPath(), "sweep-lora-bench", "base.ckpt"));

TorchRuntime.Configure(1);
var model = new ModelSpec(ModelKind.Mlp, widths);
var pretrain = new PretrainSpec(
    model,
    new DatasetSpec(DatasetKind.FashionMnist, null, TrainSize: int.Parse(Get("pretrain_n", "10000"), CultureInfo.InvariantCulture), TestSize: 5000, null),
    [0, 1, 2, 3, 4],
    new TrainingSpec(OptimizerKind.Adam, 0.001, Epochs: int.Parse(Get("pretrain_epochs", "5"), CultureInfo.InvariantCulture), Steps: null, BatchSize: 128),
    Seed: 2024);

var clock = Stopwatch.StartNew();
var existed = File.Exists(checkpointPath);
BaseCheckpoint checkpoint;
if (existed)
{
    checkpoint = Pretrainer.LoadOrPretrain(pretrain, checkpointPath, TorchDevice.Cpu, null, CancellationToken.None);
    Console.Error.WriteLine($"# base {model.Describe()} ({model.ParameterCount} parameters): loaded from {checkpointPath}");
}
else
{
    var pretrained = Pretrainer.Pretrain(pretrain, TorchDevice.Cpu, null, CancellationToken.None);
    CheckpointFile.Save(pretrained.Checkpoint, checkpointPath);
    checkpoint = pretrained.Checkpoint;
    Console.Error.WriteLine(
        $"# base {model.Describe()} ({model.ParameterCount} parameters): pretrained on classes 0-4 in {pretrained.Seconds:F1} s, " +
        $"train error {pretrained.Train.Error:F4}, test error {pretrained.Test.Error:F4}");
}

var trials = (from rank in ranks from mode in modes from seed in seeds select (rank, mode, seed)).ToArray();
var dataset = new DatasetSpec(DatasetKind.FashionMnist, null, n, testSize, null);
var training = new TrainingSpec(OptimizerKind.Adam, learningRate, epochs, Steps: null, BatchSize: 128);
Console.WriteLine("rank,mode,seed,train_error,test_error,test_accuracy,gap,bound_nats_info,bound,test_error_bound,trainable,train_error_unquantized,clipped,seconds");
var rows = new (int Rank, LoraMode Mode, LoraOutcome Outcome)[trials.Length];
clock.Restart();
Parallel.For(0, trials.Length, new ParallelOptions { MaxDegreeOfParallelism = workers }, i =>
{
    var (rank, mode, seed) = trials[i];
    var trial = new LoraTrial(
        dataset,
        training,
        new LoraTrialSettings(rank, mode, bits, range, [5, 6, 7, 8, 9]),
        new TrialSeeds(Projection: 100 + seed, Init: 200 + seed, Data: 300 + seed, BatchOrder: 400 + seed));
    var outcome = LoraTrainer.Train(trial, checkpoint, TorchDevice.Cpu, null, CancellationToken.None);
    rows[i] = (rank, mode, outcome);
    var m = outcome.Metrics;
    var bound = outcome.Bound();
    lock (rows)
    {
        Console.WriteLine(string.Join(',',
            rank, mode.Name(), seed, F(m.TrainError), F(m.TestError), F(1 - m.TestError), F(m.TestError - m.TrainError),
            F(bound.InformationNats), F(bound.Value), F(bound.TestErrorBound(m.TrainError)), outcome.TrainableParameters,
            F(m.TrainErrorUnquantized), F(m.ClippedFraction), F(m.Seconds)));
    }
});
Console.Error.WriteLine($"# {trials.Length} trials in {clock.Elapsed.TotalSeconds:F1} s with {workers} workers");

Console.Error.WriteLine("# mean over seeds: rank, then per mode test accuracy / bound");
foreach (var rank in ranks)
{
    var cells = modes.Select(mode =>
    {
        var runs = rows.Where(r => r.Rank == rank && r.Mode == mode).Select(r => r.Outcome).ToArray();
        return $"{mode.Name()} acc {runs.Average(o => 1 - o.Metrics.TestError):F3} gap {runs.Average(o => o.Metrics.TestError - o.Metrics.TrainError):F3} bound {runs.Average(o => o.Bound().Value):F3}";
    });
    Console.Error.WriteLine($"# r={rank,2}: {string.Join(" | ", cells)}");
}

static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
