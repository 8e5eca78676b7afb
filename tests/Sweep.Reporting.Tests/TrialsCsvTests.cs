using Sweep.Core.Bounds;

namespace Sweep.Reporting.Tests;

/// <summary>trials.csv: one row per finished trial, its columns in a fixed order, the same bytes however the trials ran.</summary>
public sealed class TrialsCsvTests
{
    private static readonly string[] SubspaceColumns =
    [
        "trial_id", "d", "seed", "learning_rate", "levels", "train_size", "epochs", "steps_setting", "batch_size",
        "model", "parameter_count", "projection", "optimizer", "quantization_range", "quantization_aware",
        "projection_seed", "init_seed", "data_seed", "batch_order_seed",
        "train_loss", "train_error", "test_loss", "test_error", "train_error_unquantized", "steps", "w_prime_norm",
        "clipped_fraction", "gap", "information_nats", "sigma", "bound", "test_error_bound",
    ];

    private static readonly string[] LoraColumns =
        ["rank", "mode", "bits", "alpha", "lora_layers", "trainable_parameters", "fine_tune_classes", "pretrain_classes"];

    [Fact]
    public void A_subspace_sweep_has_the_subspace_columns_and_one_row_per_finished_trial_ordered_by_d_then_seed()
    {
        var spec = Reports.Spec(SpecYaml.Tiny);
        var results = Reports.AllFinished(spec).Reverse().ToList();

        var csv = Csv.Read(TrialsTable.ToCsv(Reports.Of(spec, results)));

        Assert.Equal(SubspaceColumns, csv.Header);
        Assert.Equal([("4", "0"), ("4", "1"), ("16", "0"), ("16", "1")], csv.Rows.Select(r => (r["d"], r["seed"])));
        Assert.Equal(results.Select(r => r.Config.Id.Value).Order(), csv.Rows.Select(r => r["trial_id"]).Order());
    }

    [Fact]
    public void A_row_holds_the_trial_settings_its_metrics_its_gap_and_its_quantization_bound()
    {
        var spec = Reports.Spec(SpecYaml.Tiny);
        var trial = Reports.Trials(spec).First(t => t.IntrinsicDimension == 16);

        var row = Csv.Read(TrialsTable.ToCsv(Reports.Of(spec, [Reports.Result(trial, 0.125, 0.25)]))).Rows.Single();

        Assert.Equal(trial.Id.Value, row["trial_id"]);
        Assert.Equal(("32", "300", "0.05", "mlp 8-12-3", "147"), (row["levels"], row["train_size"], row["learning_rate"], row["model"], row["parameter_count"]));
        Assert.Equal(("orthonormal", "adam", "true", ""), (row["projection"], row["optimizer"], row["quantization_aware"], row["steps_setting"]));
        Assert.Equal(("0.125", "0.25", "0.125"), (row["train_error"], row["test_error"], row["gap"]));
        var bound = Math.Sqrt(2 * 0.25 * 16 * Math.Log(32) / 300);
        Assert.Equal(16 * Math.Log(32), Csv.Number(row["information_nats"]), 12);
        Assert.Equal(bound, Csv.Number(row["bound"]), 12);
        Assert.Equal(QuantizationBound.Compute(16, 32, 300, 0.5), Csv.Number(row["bound"]));
        Assert.Equal(0.125 + bound, Csv.Number(row["test_error_bound"]), 12);
    }

    [Fact]
    public void The_file_is_byte_identical_whatever_the_wall_times_and_the_order_trials_finished_in()
    {
        var spec = Reports.Spec(SpecYaml.Tiny);
        var trials = Reports.Trials(spec);
        var fast = trials.Select(t => Reports.Result(t, 0.1, 0.2, seconds: 0.5)).ToList();
        var slowReversed = trials.Reverse().Select(t => Reports.Result(t, 0.1, 0.2, seconds: 90)).ToList();

        Assert.Equal(TrialsTable.ToCsv(Reports.Of(spec, fast)), TrialsTable.ToCsv(Reports.Of(spec, slowReversed)));
    }

    [Fact]
    public void A_lora_sweep_adds_the_lora_columns_after_the_subspace_ones_with_d_equal_to_p()
    {
        var spec = Reports.Spec(SpecYaml.TinyLora);

        var csv = Csv.Read(TrialsTable.ToCsv(Reports.Of(spec, Reports.AllFinished(spec))));

        Assert.Equal([.. SubspaceColumns, .. LoraColumns], csv.Header);
        Assert.Equal(6, csv.Rows.Count);
        Assert.Equal(["1", "1", "1", "4", "4", "4"], csv.Rows.Select(r => r["rank"]));
        Assert.Equal(["A-only", "B-only", "both"], csv.Rows.Take(3).Select(r => r["mode"]).Order(StringComparer.Ordinal));
        Assert.All(csv.Rows, r =>
        {
            Assert.Equal(r["trainable_parameters"], r["d"]);
            Assert.Equal(("6", "64", "3 4 5", "0 1 2", "all"), (r["bits"], r["levels"], r["fine_tune_classes"], r["pretrain_classes"], r["lora_layers"]));
        });
    }

    [Fact]
    public void A_sweep_with_no_finished_trial_has_the_header_only()
    {
        var spec = Reports.Spec(SpecYaml.Tiny);

        Assert.Equal(string.Join(',', SubspaceColumns) + "\n", TrialsTable.ToCsv(Reports.Of(spec, [])));
    }
}
