using Sweep.Core.Statistics;

namespace Sweep.Reporting.Tests;

/// <summary>curves.csv: per series and d (or r), the mean and 95% interval over seeds of each quantity, and the MI bound when estimated.</summary>
public sealed class CurvesCsvTests
{
    private static readonly string[] Columns =
    [
        "series", "axis", "x", "seeds",
        "train_error_mean", "train_error_ci_low", "train_error_ci_high",
        "test_error_mean", "test_error_ci_low", "test_error_ci_high",
        "gap_mean", "gap_ci_low", "gap_ci_high",
        "bound_mean", "bound_ci_low", "bound_ci_high",
        "test_error_bound_mean", "test_error_bound_ci_low", "test_error_bound_ci_high",
    ];

    [Fact]
    public void Each_d_has_one_row_with_the_mean_and_95_percent_interval_over_its_seeds()
    {
        var spec = Reports.Spec(SpecYaml.Tiny);
        var trials = Reports.Trials(spec);
        var results = trials.Select(t => Reports.Result(t, 0.1, t.Seed == 0 ? 0.2 : 0.3)).ToList();

        var csv = Csv.Read(CurvesTable.ToCsv(Reports.Of(spec, results)));

        Assert.Equal(Columns, csv.Header);
        Assert.Equal([("d", "4", "2"), ("d", "16", "2")], csv.Rows.Select(r => (r["axis"], r["x"], r["seeds"])));
        Assert.All(csv.Rows, r => Assert.Equal("K=32 lr=0.05 n=300 epochs=3 batch=50", r["series"]));
        var gap = MeanInterval.Of([0.2 - 0.1, 0.3 - 0.1]); // test error − train error, as each trial computes it
        var row = csv.Rows[0];
        Assert.Equal(0.25, Csv.Number(row["test_error_mean"]), 12);
        Assert.Equal((gap.Mean, gap.Low, gap.High), (Csv.Number(row["gap_mean"]), Csv.Number(row["gap_ci_low"]), Csv.Number(row["gap_ci_high"])));
        Assert.True(gap.Low < 0.15 && gap.High > 0.15, "two different gaps give an interval around their mean");
        Assert.Equal(("0.1", "0.1", "0.1"), (row["train_error_mean"], row["train_error_ci_low"], row["train_error_ci_high"]));
        Assert.Equal(Math.Sqrt(2 * 0.25 * 4 * Math.Log(32) / 300), Csv.Number(row["bound_mean"]), 12);
    }

    [Fact]
    public void With_mi_estimates_each_row_gains_the_mi_bound_over_its_groups_and_their_count()
    {
        var spec = Reports.Spec(SpecYaml.TinyMi);
        var trials = Reports.Trials(spec);
        var trial = trials[0];
        var report = Reports.Of(spec, Reports.AllFinished(spec)) with
        {
            Mi = spec.Mi,
            MiEstimates = [Reports.MiEstimate(trial, 4, 0, 0.2), Reports.MiEstimate(trial, 4, 1, 0.4)],
        };

        var csv = Csv.Read(CurvesTable.ToCsv(report));

        Assert.Equal([.. Columns, "mi_term_estimate_mean", "mi_term_estimate_ci_low", "mi_term_estimate_ci_high", "mi_groups", "mi_null_indistinguishable_fraction"], csv.Header);
        var estimated = csv.Rows.Single(r => r["x"] == "4");
        var mi = MeanInterval.Of([0.2, 0.4]);
        Assert.Equal((mi.Mean, mi.Low, mi.High, "2"), (Csv.Number(estimated["mi_term_estimate_mean"]), Csv.Number(estimated["mi_term_estimate_ci_low"]), Csv.Number(estimated["mi_term_estimate_ci_high"]), estimated["mi_groups"]));
        var notYet = csv.Rows.Single(r => r["x"] == "16");
        Assert.Equal(("", "", "", "0"), (notYet["mi_term_estimate_mean"], notYet["mi_term_estimate_ci_low"], notYet["mi_term_estimate_ci_high"], notYet["mi_groups"]));
    }

    [Fact]
    public void A_lora_sweep_runs_against_r_with_one_series_per_mode()
    {
        var spec = Reports.Spec(SpecYaml.TinyLora);

        var csv = Csv.Read(CurvesTable.ToCsv(Reports.Of(spec, Reports.AllFinished(spec))));

        Assert.Equal(Columns, csv.Header);
        Assert.All(csv.Rows, r => Assert.Equal(("r", "1"), (r["axis"], r["seeds"])));
        Assert.Equal(["A-only", "B-only", "both"], csv.Rows.Select(r => r["series"]).Distinct().Order(StringComparer.Ordinal));
        Assert.All(csv.Rows.GroupBy(r => r["series"]), g => Assert.Equal(["1", "4"], g.Select(r => r["x"])));
    }
}
