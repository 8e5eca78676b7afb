using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Sweep.Core.Specs;

/// <summary>
/// Whether a new spec only adds axis values to an existing sweep (<c>sweep extend</c>). Everything but the grid's
/// values must be equal, and every axis must keep all its old values. <see cref="Changes"/> says what is wrong.
/// </summary>
public sealed record SpecExtension(IReadOnlyList<string> Changes, IReadOnlyList<string> Added)
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public bool IsValid => Changes.Count == 0 && Added.Count > 0;

    /// <summary>One line for the user: why the extension is refused, or what it adds.</summary>
    public string Describe() => Changes.Count > 0
        ? "the spec changes more than axis values: " + string.Join("; ", Changes)
        : Added.Count == 0 ? "the spec adds no axis value; nothing to extend" : "adds " + string.Join("; ", Added);

    public static SpecExtension Check(SweepSpec old, SweepSpec @new)
    {
        var changes = new List<string>();
        var added = new List<string>();
        var oldSettings = Settings(old);
        var newSettings = Settings(@new);
        Diff("", oldSettings, newSettings, changes);

        Axis("grid.d", old.Grid.Dimensions.Select(v => (double)v), @new.Grid.Dimensions.Select(v => (double)v), changes, added);
        Axis("grid.seeds", old.Grid.Seeds.Select(v => (double)v), @new.Grid.Seeds.Select(v => (double)v), changes, added);
        Axis("grid.rank", (old.Grid.Ranks ?? []).Select(v => (double)v), (@new.Grid.Ranks ?? []).Select(v => (double)v), changes, added);
        Axis("grid.mode", (old.Grid.Modes ?? []).Select(v => (double)v), (@new.Grid.Modes ?? []).Select(v => (double)v), changes, added);
        foreach (var axis in old.Grid.ScalarAxes.Keys.Union(@new.Grid.ScalarAxes.Keys).Order(StringComparer.Ordinal))
        {
            var before = old.Grid.ScalarAxes.GetValueOrDefault(axis);
            var after = @new.Grid.ScalarAxes.GetValueOrDefault(axis);
            if (before is null || after is null)
            {
                changes.Add(before is null ? $"grid.{axis} is a new axis (old points would have no value on it)" : $"grid.{axis} is no longer an axis");
                continue;
            }

            Axis("grid." + axis, before, after, changes, added);
        }

        return new SpecExtension(changes, added);
    }

    private static void Axis(string field, IEnumerable<double> before, IEnumerable<double> after, List<string> changes, List<string> added)
    {
        var oldValues = before.ToHashSet();
        var newValues = after.ToHashSet();
        var dropped = oldValues.Except(newValues).Order().ToList();
        var gained = newValues.Except(oldValues).Order().ToList();
        if (dropped.Count > 0)
        {
            changes.Add($"{field} drops {Format(dropped)} (a sweep keeps every point it has)");
        }

        if (gained.Count > 0)
        {
            added.Add($"{field} + {Format(gained)}");
        }
    }

    private static string Format(IEnumerable<double> values) => "[" + string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture))) + "]";

    /// <summary>The spec without its grid values, as a JSON tree.</summary>
    private static JsonNode Settings(SweepSpec spec) =>
        JsonSerializer.SerializeToNode(spec with { Grid = new GridSpec([], [], new Dictionary<string, IReadOnlyList<double>>()) }, Json)!;

    private static void Diff(string path, JsonNode? a, JsonNode? b, List<string> changes)
    {
        if (a is JsonObject oa && b is JsonObject ob)
        {
            foreach (var key in oa.Select(p => p.Key).Union(ob.Select(p => p.Key)))
            {
                if (key == nameof(SweepSpec.Grid))
                {
                    continue;
                }

                Diff(path.Length == 0 ? Snake(key) : path + "." + Snake(key), oa[key], ob[key], changes);
            }

            return;
        }

        if (!JsonNode.DeepEquals(a, b))
        {
            changes.Add($"{path} changed from {Show(a)} to {Show(b)}");
        }
    }

    private static string Show(JsonNode? node) => node is null ? "(none)" : node.ToJsonString();

    private static string Snake(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}
