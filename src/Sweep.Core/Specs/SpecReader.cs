using Sweep.Core.Grid;
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
    private static readonly string[] TopLevelKeys = ["name", "seed", "dataset", "model", "projection", "quantization", "training", "grid", "bound", "pretrain", "lora", "mi", "rate_distortion", "topology"];

    /// <summary>A spec is a few kilobytes of YAML; reading stops here, so /dev/zero or a 3 GB file is refused at once.</summary>
    public const int MaxSpecBytes = 1 << 20;

    public static SweepSpec ReadFile(string path, bool trainsHere = false) => Read(ReadText(path), path, trainsHere);

    /// <summary>
    /// The spec's text, read with a bound: at most <see cref="MaxSpecBytes"/> (one byte more says it is larger),
    /// and it must be UTF-8 text without NUL bytes (a binary file is refused as such, not as bad YAML).
    /// </summary>
    /// <exception cref="SpecValidationException">It cannot be read, is too large, or is not text.</exception>
    public static string ReadText(string path)
    {
        var buffer = new byte[MaxSpecBytes + 1];
        var length = 0;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
            while (length < buffer.Length && file.Read(buffer, length, buffer.Length - length) is var read and > 0)
            {
                length += read;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw FileError(path, $"cannot be read: {e.Message}");
        }

        if (length > MaxSpecBytes)
        {
            throw FileError(path, $"is larger than {MaxSpecBytes / 1024} KiB; a sweep spec is a few kilobytes of YAML (is this the right file?)");
        }

        var bytes = buffer.AsSpan(0, length);
        if (bytes.IndexOf((byte)0) is var nul and >= 0)
        {
            throw FileError(path, $"is not a text file (a NUL byte at offset {nul}); a sweep spec is YAML text");
        }

        try
        {
            var text = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
            return text.StartsWith('\uFEFF') ? text[1..] : text;
        }
        catch (System.Text.DecoderFallbackException e)
        {
            throw FileError(path, $"is not UTF-8 text (an invalid byte at offset {e.Index}); a sweep spec is YAML text");
        }
    }

    private static SpecValidationException FileError(string path, string message) => new([new SpecError(path, 0, 0, "(file)", message)]);

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
        if (grid?.Ranks is { } ranks && model is not null && lora is not null)
        {
            LoraAxesReader.CheckRanks(r, root, ranks, model, lora);
        }

        MiSpec? mi = null;
        if (isLora && r.Child(root, "mi") is { } miNode)
        {
            r.Error(miNode, "mi", "the mi block applies to subspace sweeps (grid.d), not to LoRA sweeps");
        }
        else
        {
            mi = MiSectionReader.Read(r, root, grid, dataset);
            if (mi is not null && projection.HasBaselineTrials && r.Child(root, "projection") is YamlMappingNode projectionNode)
            {
                r.Error(r.Child(projectionNode, "kind"), "projection.kind", "the full-training baseline (none) does not combine with an mi block, whose groups share one Θ");
            }
        }

        var rateDistortion = RateDistortionSectionReader.Read(r, root, model, projection, bound, isLora);
        var topology = TopologySectionReader.Read(r, root, model, grid, isLora);

        if (grid is not null && training is not null && dataset is not null)
        {
            CheckBatchSizes(r, root, training, dataset, grid);
        }

        if (grid is not null && GridSize.Count(grid, isLora, mi, projection, rateDistortion?.Lambdas.Count ?? 1) is var trials and > GridSize.MaxTrials)
        {
            // Counted from the axes, never expanded: the refusal costs nothing however large the grid.
            r.Error(r.Child(root, "grid"), "grid", $"holds {trials:N0} trials ({GridSize.Describe(grid, isLora, mi, projection, rateDistortion?.Lambdas.Count ?? 1)}); one sweep may hold at most {GridSize.MaxTrials:N0}: split it into several sweeps, or look for a count where a list was meant");
        }

        if (errors.Count > 0 || name is null || dataset is null || model is null || quantization is null || training is null || grid is null)
        {
            if (errors.Count == 0)
            {
                errors.Add(new SpecError(file, 0, 0, "(spec)", "is incomplete"));
            }

            throw new SpecValidationException(errors);
        }

        return new SweepSpec(name, seed, dataset, model, projection, quantization, training, grid, bound) { Pretrain = pretrain, Lora = lora, Mi = mi, RateDistortion = rateDistortion, Topology = topology };
    }

    /// <summary>The longest name: it names the results folder "&lt;name&gt;-&lt;hash&gt;", which must stay well inside a file name's 255 bytes.</summary>
    public const int MaxNameLength = 100;

    /// <summary>
    /// The sweep's name, which names its results folder and, inside the sweep id, its journal entries and actors.
    /// ASCII only: those ids travel into actor paths, persistence ids, folder names and URLs, which ASCII keeps portable.
    /// </summary>
    private static string? ReadName(YamlFieldReader r, YamlMappingNode root)
    {
        var name = r.String(root, "", "name", required: true);
        if (name is null)
        {
            return null;
        }

        if (name.Length > MaxNameLength)
        {
            r.Error(r.Child(root, "name"), "name", $"is {name.Length} characters long; at most {MaxNameLength} (it names the results folder)");
        }
        else if (name.Select((c, i) => (c, i)).FirstOrDefault(x => !(char.IsAsciiLetterOrDigit(x.c) || x.c is '-' or '_' or '.')) is { c: not '\0' } bad)
        {
            r.Error(r.Child(root, "name"), "name", $"may hold only ASCII letters (a-z, A-Z), digits, '-', '_' and '.', as it names the results folder and the sweep's id; '{bad.c}' (character {bad.i + 1}) is not one of them");
        }

        return name;
    }

    /// <summary>A batch cannot hold more samples than the training set: refuse every batch_size above a train_size it meets.</summary>
    private static void CheckBatchSizes(YamlFieldReader r, YamlMappingNode root, TrainingSpec training, DatasetSpec dataset, GridSpec grid)
    {
        var batches = grid.ScalarAxes.TryGetValue(ScalarAxis.BatchSize, out var b) ? b.Select(v => (int)v).ToList() : [training.BatchSize];
        var sizes = grid.ScalarAxes.TryGetValue(ScalarAxis.TrainSize, out var n) ? n.Select(v => (int)v).ToList() : [dataset.TrainSize];
        var (largest, smallest) = (batches.Max(), sizes.Min());
        if (largest > smallest)
        {
            YamlNode? At(string section, string key) => r.Child(root, section) is YamlMappingNode m ? r.Child(m, key) : null;
            var where = grid.ScalarAxes.ContainsKey(ScalarAxis.BatchSize)
                ? (At("grid", ScalarAxis.BatchSize), "grid." + ScalarAxis.BatchSize)
                : (At("training", "batch_size") ?? r.Child(root, "training"), "training.batch_size");
            var nWhere = grid.ScalarAxes.ContainsKey(ScalarAxis.TrainSize) ? "grid.train_size" : "dataset.train_size";
            r.Error(where.Item1, where.Item2, $"batch_size = {largest} is larger than train_size = {smallest} ({nWhere}): a batch cannot hold more samples than the training set");
        }
    }

    private static YamlMappingNode? Parse(string yaml, string file, List<SpecError> errors)
    {
        // YAML indents with spaces only; YamlDotNet reports a tab there at a later token (or at 1:1), so find it first.
        var lines = yaml.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            if (lines[i].IndexOf('\t', 0, indent) is var tab and >= 0 && indent < lines[i].TrimEnd('\r').Length)
            {
                errors.Add(new SpecError(file, i + 1, tab + 1, "(yaml syntax)", "a tab in the indentation; YAML indents with spaces only"));
                return null;
            }
        }

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

        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode.Start;
            errors.Add(new SpecError(file, (int)second.Line, (int)second.Column, "(spec)", $"is one YAML document, but a second one starts here ({stream.Documents.Count} in all, separated by '---'); it would be ignored"));
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
