using Sweep.Core.Specs.Sections;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sweep.Core.Specs;

/// <summary>
/// Reads a YAML sweep spec into a validated <see cref="SweepSpec"/>: parses the YAML, reads the top-level keys, and
/// has one reader per section (in <see cref="Sections"/>) read the rest. Every problem is collected with its file,
/// line and field; if there is any, a <see cref="SpecValidationException"/> holds them all.
/// </summary>
/// <remarks>
/// <c>trainsHere</c> says this machine will train the spec's trials (embedded <c>sweep run</c>, <c>validate</c>):
/// only then does the reader check that the dataset's files exist here. A client submitting the spec to a cluster
/// leaves it off; the trainer that loads the data reports missing files there.
/// </remarks>
public static class SpecReader
{
    private static readonly string[] TopLevelKeys = ["name", "seed", "dataset", "model", "projection", "quantization", "training", "grid", "bound", "pretrain", "lora", "mi"];

    public static SweepSpec ReadFile(string path, bool trainsHere = false)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SpecValidationException([new SpecError(path, 0, 0, "(file)", $"cannot be read: {e.Message}")]);
        }

        return Read(text, path, trainsHere);
    }

    public static SweepSpec Read(string yaml, string file = "<spec>", bool trainsHere = false)
    {
        var errors = new List<SpecError>();
        var root = Parse(yaml, file, errors);
        if (root is null)
        {
            throw new SpecValidationException(errors);
        }

        var r = new YamlFieldReader(file, errors);
        r.RejectUnknownKeys(root, "", TopLevelKeys);
        var isLora = r.Child(root, "lora") is not null;
        var name = ReadName(r, root);
        var seed = r.Int(root, "", "seed", required: false, fallback: 0, min: 0) ?? 0;
        var dataset = DatasetSectionReader.Read(r, root, trainsHere);
        var model = ModelSectionReader.Read(r, root, dataset);
        var projection = ProjectionSectionReader.Read(r, root);
        var training = TrainingSectionReader.Read(r, root, "");
        var (pretrain, lora) = LoraSectionReader.Read(r, root, model, seed, ref dataset);
        var quantization = isLora ? LoraSectionReader.Quantization(lora) : QuantizationSectionReader.Read(r, root);
        var grid = GridSectionReader.Read(r, root, model, dataset, isLora);
        var bound = BoundSectionReader.Read(r, root);
        MiSpec? mi = null;
        if (isLora && r.Child(root, "mi") is { } miNode)
        {
            r.Error(miNode, "mi", "the mi block applies to subspace sweeps (grid.d), not to LoRA sweeps");
        }
        else
        {
            mi = MiSectionReader.Read(r, root, grid, dataset);
        }

        if (errors.Count > 0 || name is null || dataset is null || model is null || quantization is null || training is null || grid is null)
        {
            if (errors.Count == 0)
            {
                errors.Add(new SpecError(file, 0, 0, "(spec)", "is incomplete"));
            }

            throw new SpecValidationException(errors);
        }

        return new SweepSpec(name, seed, dataset, model, projection, quantization, training, grid, bound) { Pretrain = pretrain, Lora = lora, Mi = mi };
    }

    /// <summary>The sweep's name, which names its results folder.</summary>
    private static string? ReadName(YamlFieldReader r, YamlMappingNode root)
    {
        var name = r.String(root, "", "name", required: true);
        if (name is not null && !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            r.Error(r.Child(root, "name"), "name", "may hold only letters, digits, '-', '_' and '.' (it names the results folder)");
        }

        return name;
    }

    private static YamlMappingNode? Parse(string yaml, string file, List<SpecError> errors)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(yaml));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            var message = (e.InnerException?.Message ?? e.Message).Trim();
            errors.Add(new SpecError(file, (int)e.Start.Line, (int)e.Start.Column, "(yaml syntax)", message));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this for some unterminated constructs; point at the last event it read.
            var mark = parser.Current?.Start;
            errors.Add(new SpecError(file, (int)(mark?.Line ?? 1), (int)(mark?.Column ?? 1), "(yaml syntax)", "malformed YAML near here (an unclosed '[', '{' or quote?)"));
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            errors.Add(new SpecError(file, 1, 1, "(spec)", "must be a YAML mapping with name, dataset, model, training and grid"));
            return null;
        }

        return root;
    }
}
