using System.Text.Json;
using Sweep.Core.Bounds;
using Sweep.Core.Specs;

namespace Sweep.Reporting.Tests;

/// <summary>summary.json, as written into a results folder: the sweep's identity, the bound and its assumptions, counts, checks, curves and failures.</summary>
public sealed class SummaryJsonTests : IDisposable
{
    private readonly Reports.Folder _folder = new();

    [Fact]
    public void A_subspace_summary_names_the_sweep_the_bound_in_nats_and_counts_done_failed_and_missing()
    {
        var spec = Reports.Spec(SpecYaml.Tiny);
        var trials = Reports.Trials(spec);
        var results = trials.Take(2).Select(t => Reports.Result(t, 0.1, 0.12)).ToList();
        var report = Reports.Of(spec, results, [Reports.Failed(trials[2], 3, "diverged to NaN")]);

        var summary = Summary(report);

        Assert.Equal((SpecHash.SweepIdOf(spec).Value, "tiny", SpecHash.Full(spec)), (Text(summary, "sweep_id"), Text(summary, "name"), Text(summary, "spec_hash")));
        Assert.Contains("nats", Text(summary, "units"));
        var bound = summary.GetProperty("bound");
        Assert.Equal(("quantization", "sqrt(2·σ²·d·ln K / n)", 0.5), (Text(bound, "kind"), Text(bound, "formula"), bound.GetProperty("sigma").GetDouble()));
        Assert.Equal(QuantizationBound.Assumptions, bound.GetProperty("assumptions").ToString());
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("mi_term_estimate").ValueKind);
        var counts = summary.GetProperty("trials");
        Assert.Equal((4, 2, 1, 1), (counts.GetProperty("total").GetInt32(), counts.GetProperty("done").GetInt32(), counts.GetProperty("failed").GetInt32(), counts.GetProperty("missing").GetInt32()));
        var failed = Assert.Single(summary.GetProperty("failed").EnumerateArray());
        Assert.Equal((trials[2].Id.Value, trials[2].IntrinsicDimension, 3, "diverged to NaN"), (Text(failed, "trial_id"), failed.GetProperty("d").GetInt32(), failed.GetProperty("attempts").GetInt32(), Text(failed, "reason")));
    }

    [Fact]
    public void The_checks_and_curves_follow_the_results()
    {
        var spec = Reports.Spec(SpecYaml.Tiny);
        var small = Summary(Reports.Of(spec, Reports.Trials(spec).Select(t => Reports.Result(t, 0.1, 0.12)).ToList()));
        var huge = Summary(Reports.Of(spec, Reports.Trials(spec).Select(t => Reports.Result(t, 0.0, 0.9)).ToList()));

        var checks = small.GetProperty("checks");
        Assert.True(checks.GetProperty("bound_above_gap_at_every_d").GetBoolean());
        Assert.True(checks.GetProperty("non_vacuous_at_largest_d").GetBoolean());
        Assert.Equal(16, checks.GetProperty("largest_d").GetDouble());
        Assert.False(huge.GetProperty("checks").GetProperty("bound_above_gap_at_every_d").GetBoolean()); // a gap of 0.9 is above every bound here
        var curves = small.GetProperty("curves").EnumerateArray().ToList();
        Assert.Equal([(4.0, 2), (16.0, 2)], curves.Select(c => (c.GetProperty("x").GetDouble(), c.GetProperty("seeds").GetInt32())));
        Assert.Equal(0.02, curves[0].GetProperty("gap").GetProperty("mean").GetDouble(), 12);
    }

    [Fact]
    public void An_mi_summary_names_the_estimator_its_caveat_and_every_estimated_group()
    {
        var spec = Reports.Spec(SpecYaml.TinyMi);
        var trial = Reports.Trials(spec)[0];
        var report = Reports.Of(spec, Reports.AllFinished(spec)) with
        {
            Mi = spec.Mi,
            MiEstimates = [Reports.MiEstimate(trial, 16, 0, 0.3) with { Node = "akka.ssl.tcp://sweep@10.0.0.7:4055" }, Reports.MiEstimate(trial, 4, 1, 0.4), Reports.MiEstimate(trial, 4, 0, 0.2)],
            MiFailures = new Dictionary<string, string> { ["g-16-1"] = "too few samples" },
        };

        var mi = Summary(report).GetProperty("mi_term_estimate");

        Assert.Equal(("nats", IndividualSampleMiBound.Formula, IndividualSampleMiBound.BiasCaveat), (Text(mi, "units"), Text(mi, "formula"), Text(mi, "caveat")));
        Assert.Equal(IndividualSampleMiBound.EstimatorName(spec.Mi!), Text(mi, "estimator"));
        Assert.Equal((2, 5, 2, 3, 1), (mi.GetProperty("k").GetInt32(), mi.GetProperty("trainings_per_projection").GetInt32(), mi.GetProperty("projections").GetInt32(), mi.GetProperty("groups_estimated").GetInt32(), mi.GetProperty("groups_failed").GetInt32()));
        Assert.Equal(["g-4-0", "g-4-1", "g-16-0"], mi.GetProperty("groups").EnumerateArray().Select(g => Text(g, "group_id")));
        Assert.Equal("too few samples", Text(mi.GetProperty("failures")[0], "value"));
        Assert.Equal("akka.ssl.tcp://sweep@10.0.0.7:4055", Text(mi.GetProperty("groups")[2], "estimated_on")); // the node that estimated g-16-0
    }

    [Fact]
    public void A_lora_summary_gives_the_lora_bound_the_pretraining_stage_and_each_mode_against_r()
    {
        var spec = Reports.Spec(SpecYaml.TinyLora);

        var summary = Summary(Reports.Of(spec, Reports.AllFinished(spec)));

        var bound = summary.GetProperty("bound");
        Assert.Equal(("lora-quantization", 6, 64, "2r", "all linear layers"), (Text(bound, "kind"), bound.GetProperty("bits").GetInt32(), bound.GetProperty("levels").GetInt32(), Text(bound, "alpha"), Text(bound, "adapted_layers")));
        Assert.Equal(["16x8", "6x16"], bound.GetProperty("adapted_shapes").EnumerateArray().Select(s => s.GetString()));
        var pretraining = summary.GetProperty("pretraining");
        Assert.Equal(("mlp 8-16-6", 400, 3), (Text(pretraining, "model"), pretraining.GetProperty("train_size").GetInt32(), pretraining.GetProperty("seed").GetInt32()));
        Assert.Equal([0, 1, 2], pretraining.GetProperty("classes").EnumerateArray().Select(c => c.GetInt32()));
        var modes = summary.GetProperty("per_mode").EnumerateArray().ToList();
        Assert.Equal(["A-only", "B-only", "both"], modes.Select(m => Text(m, "mode")).Order(StringComparer.Ordinal));
        Assert.All(modes, m => Assert.Equal([1.0, 4.0], m.GetProperty("ranks").EnumerateArray().Select(r => r.GetProperty("r").GetDouble())));
        Assert.Equal(2, summary.GetProperty("asymmetry").GetProperty("per_rank").GetArrayLength());
        Assert.Equal(6, summary.GetProperty("trials").GetProperty("done").GetInt32());
    }

    public void Dispose() => _folder.Dispose();

    private JsonElement Summary(SweepReport report)
    {
        ResultsFolder.Write(report, _folder.Path);
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder.Path, ResultsFolder.SummaryFile)));
        return document.RootElement.Clone();
    }

    private static string Text(JsonElement element, string property) => element.GetProperty(property).GetString()!;
}
