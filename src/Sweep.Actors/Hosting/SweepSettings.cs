using Akka.Configuration;
using Sweep.Actors.Coordination;

namespace Sweep.Actors.Hosting;

/// <summary>The typed <c>sweep { }</c> HOCON section (defaults in cluster-config/base.conf).</summary>
public sealed record SweepSettings(int SnapshotEvery, int MaxAttempts, string ResultsRoot)
{
    /// <summary>As in cluster-config/base.conf.</summary>
    public const int DefaultSnapshotEvery = 200;

    /// <summary>As in cluster-config/base.conf. An existing sweep keeps the limit recorded in its journal.</summary>
    public const int DefaultMaxAttempts = 3;

    public static SweepSettings From(Config config)
    {
        var section = config.GetConfig("sweep") ?? throw new ConfigurationException("The HOCON has no 'sweep' section.");
        var settings = new SweepSettings(
            section.GetInt("snapshot-every"),
            section.GetInt("max-attempts"),
            section.GetString("results-root"));
        if (settings.SnapshotEvery < 1)
        {
            throw new ConfigurationException($"sweep.snapshot-every must be at least 1, not {settings.SnapshotEvery}.");
        }

        if (settings.MaxAttempts < 1)
        {
            throw new ConfigurationException($"sweep.max-attempts must be at least 1, not {settings.MaxAttempts}.");
        }

        return settings;
    }

    public LedgerSettings Ledger => new(SnapshotEvery, ResultsRoot);

    /// <summary>Where LoRA base checkpoints live (one per pretraining stage, named by its hash): &lt;results root&gt;/artifacts.</summary>
    public string ArtifactsFolder => Path.Combine(ResultsRoot, "artifacts");

    /// <summary>HOCON that overrides these values (prepended to the config).</summary>
    public string ToHocon() =>
        $"sweep {{ snapshot-every = {SnapshotEvery}, max-attempts = {MaxAttempts}, results-root = {Quote(ResultsRoot)} }}";

    internal static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
