namespace Sweep.Core.Specs;

/// <summary>One problem in a spec: where it is (file, line, column) and which field (a dotted path such as <c>grid.d[2]</c>).</summary>
public sealed record SpecError(string File, int Line, int Column, string Field, string Message)
{
    public override string ToString() => Line > 0
        ? $"{File}:{Line}:{Column}: {Field}: {Message}"
        : $"{File}: {Field}: {Message}";
}

/// <summary>Thrown when a spec cannot be read or is invalid; holds every problem found, not only the first.</summary>
public sealed class SpecValidationException(IReadOnlyList<SpecError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<SpecError> Errors { get; } = errors;
}
