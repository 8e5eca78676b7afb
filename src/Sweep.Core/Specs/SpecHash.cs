using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sweep.Core.Trials;

namespace Sweep.Core.Specs;

/// <summary>
/// Hashes of a spec's meaning (not its formatting): the canonical JSON of the validated record, with grid lists
/// sorted. <see cref="Settings"/> leaves the grid's values out, so a spec that only adds axis values keeps its sweep id.
/// </summary>
public static class SpecHash
{
    private static readonly JsonSerializerOptions Canonical = new()
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = false,
    };

    public static string Full(SweepSpec spec) => Hash(Canonicalize(spec));

    public static string Settings(SweepSpec spec) => Hash(Canonicalize(spec) with { Grid = new GridSpec([], [], new Dictionary<string, IReadOnlyList<double>>()) } with
    {
        // the set of swept axes is part of the settings; their values are not
        Name = spec.Name + "|axes:" + string.Join(',', spec.Grid.ScalarAxes.Keys.Order(StringComparer.Ordinal)),
    });

    public static SweepId SweepIdOf(SweepSpec spec) => new($"{spec.Name}-{Settings(spec)[..8]}");

    private static SweepSpec Canonicalize(SweepSpec spec) => spec with
    {
        Grid = new GridSpec(
            spec.Grid.Dimensions.Order().ToList(),
            spec.Grid.Seeds.Order().ToList(),
            new SortedDictionary<string, IReadOnlyList<double>>(
                spec.Grid.ScalarAxes.ToDictionary(a => a.Key, a => (IReadOnlyList<double>)a.Value.Order().ToList()),
                StringComparer.Ordinal))
        {
            Ranks = spec.Grid.Ranks?.Order().ToList(),
            Modes = spec.Grid.Modes?.Order().ToList(),
        },
    };

    private static string Hash(SweepSpec spec) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(spec, Canonical))));
}
