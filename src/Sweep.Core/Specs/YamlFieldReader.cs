using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Sweep.Core.Specs;

/// <summary>
/// Reads typed values out of a YAML mapping while collecting errors that name the file, line and field.
/// Every read records the key as known, so <see cref="RejectUnknownKeys"/> can flag typos.
/// </summary>
internal sealed class YamlFieldReader(string file, List<SpecError> errors)
{
    public string File { get; } = file;

    public void Error(YamlNode? node, string field, string message) =>
        errors.Add(new SpecError(File, node is null ? 0 : (int)node.Start.Line, node is null ? 0 : (int)node.Start.Column, field, message));

    public YamlMappingNode? Section(YamlMappingNode parent, string parentPath, string key, bool required)
    {
        var path = Join(parentPath, key);
        if (Present(parent, key, path, required) is not { } node)
        {
            return null;
        }

        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }

        Error(node, path, "must be a mapping (key: value lines)");
        return null;
    }

    /// <summary>The value under <paramref name="key"/>, or null, reporting it when it is required.</summary>
    private YamlNode? Present(YamlMappingNode parent, string key, string path, bool required)
    {
        var node = Child(parent, key);
        if (node is null && required)
        {
            Error(parent, path, "is required");
        }

        return node;
    }

    public YamlNode? Child(YamlMappingNode parent, string key) =>
        parent.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public string? String(YamlMappingNode parent, string parentPath, string key, bool required, string? fallback = null)
    {
        var path = Join(parentPath, key);
        if (Present(parent, key, path, required) is not { } node)
        {
            return fallback;
        }

        if (node is YamlScalarNode { Value: { Length: > 0 } text })
        {
            return text;
        }

        Error(node, path, "must be a non-empty text value");
        return fallback;
    }

    public int? Int(YamlMappingNode parent, string parentPath, string key, bool required, int? fallback = null, int min = int.MinValue, int max = int.MaxValue)
    {
        var path = Join(parentPath, key);
        if (Present(parent, key, path, required) is not { } node)
        {
            return fallback;
        }

        return IntValue(node, path, min, max) ?? fallback;
    }

    public int? IntValue(YamlNode node, string path, int min = int.MinValue, int max = int.MaxValue)
    {
        if (node is not YamlScalarNode { Value: { } text } || !int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Error(node, path, $"must be an integer, got {Describe(node)}");
            return null;
        }

        if (value < min || value > max)
        {
            Error(node, path, RangeMessage(value, min, max));
            return null;
        }

        return value;
    }

    public double? Double(YamlMappingNode parent, string parentPath, string key, bool required, double? fallback = null, double min = double.MinValue, bool exclusiveMin = false)
    {
        var path = Join(parentPath, key);
        if (Present(parent, key, path, required) is not { } node)
        {
            return fallback;
        }

        return DoubleValue(node, path, min, exclusiveMin) ?? fallback;
    }

    public double? DoubleValue(YamlNode node, string path, double min = double.MinValue, bool exclusiveMin = false)
    {
        if (node is not YamlScalarNode { Value: { } text }
            || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value))
        {
            Error(node, path, $"must be a finite number, got {Describe(node)}");
            return null;
        }

        if (exclusiveMin ? value <= min : value < min)
        {
            Error(node, path, $"must be {(exclusiveMin ? ">" : ">=")} {min.ToString(CultureInfo.InvariantCulture)}, got {text}");
            return null;
        }

        return value;
    }

    public bool? Bool(YamlMappingNode parent, string parentPath, string key, bool fallback)
    {
        var node = Child(parent, key);
        if (node is null)
        {
            return fallback;
        }

        if (node is YamlScalarNode { Value: { } text } && bool.TryParse(text, out var value))
        {
            return value;
        }

        Error(node, Join(parentPath, key), $"must be true or false, got {Describe(node)}");
        return fallback;
    }

    public TEnum? Enum<TEnum>(YamlMappingNode parent, string parentPath, string key, bool required, IReadOnlyDictionary<string, TEnum> names, TEnum? fallback = null)
        where TEnum : struct
    {
        var text = String(parent, parentPath, key, required);
        if (text is null)
        {
            return fallback;
        }

        if (names.TryGetValue(text.ToLowerInvariant(), out var value))
        {
            return value;
        }

        Error(Child(parent, key), Join(parentPath, key), $"unknown value '{text}'; expected one of: {string.Join(", ", names.Keys)}");
        return null;
    }

    /// <summary>A list of integers, or (when <paramref name="countMeansRange"/>) a single count c meaning 0..c-1.</summary>
    public List<int>? IntList(YamlMappingNode parent, string parentPath, string key, bool required, int min, int max, bool countMeansRange = false, bool distinct = true)
    {
        var path = Join(parentPath, key);
        if (Present(parent, key, path, required) is not { } node)
        {
            return null;
        }

        if (countMeansRange && node is YamlScalarNode)
        {
            var count = IntValue(node, path, 1, 1_000_000);
            return count is null ? null : Enumerable.Range(0, count.Value).ToList();
        }

        if (node is not YamlSequenceNode sequence)
        {
            Error(node, path, countMeansRange ? "must be a count or a list of integers" : "must be a list of integers");
            return null;
        }

        if (sequence.Children.Count == 0)
        {
            Error(node, path, "must not be empty");
            return null;
        }

        var values = new List<int>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var value = IntValue(sequence.Children[i], $"{path}[{i}]", min, max);
            if (value is { } v)
            {
                values.Add(v);
            }
        }

        if (distinct)
        {
            CheckDistinct(node, path, values);
        }

        return values.Count == sequence.Children.Count ? values : null;
    }

    public List<double>? DoubleList(YamlNode node, string path, double min, bool exclusiveMin)
    {
        if (node is not YamlSequenceNode sequence)
        {
            Error(node, path, "must be a list of numbers");
            return null;
        }

        if (sequence.Children.Count == 0)
        {
            Error(node, path, "must not be empty");
            return null;
        }

        var values = new List<double>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (DoubleValue(sequence.Children[i], $"{path}[{i}]", min, exclusiveMin) is { } v)
            {
                values.Add(v);
            }
        }

        CheckDistinct(node, path, values);
        return values.Count == sequence.Children.Count ? values : null;
    }

    public void RejectUnknownKeys(YamlMappingNode mapping, string path, params string[] known)
    {
        foreach (var key in mapping.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "?";
            if (!known.Contains(name))
            {
                Error(key, Join(path, name), $"unknown field; expected one of: {string.Join(", ", known)}");
            }
        }
    }

    public static string Join(string parent, string key) => parent.Length == 0 ? key : parent + "." + key;

    private void CheckDistinct<T>(YamlNode node, string path, List<T> values)
    {
        var duplicate = values.GroupBy(v => v).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            Error(node, path, $"lists {duplicate.Key} more than once");
        }
    }

    private static string RangeMessage(long value, long min, long max) =>
        max == int.MaxValue ? $"must be >= {min}, got {value}" : $"must be between {min} and {max}, got {value}";

    private static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode scalar => $"'{scalar.Value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "something else",
    };
}
