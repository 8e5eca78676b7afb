namespace Sweep.Core.Estimators;

/// <summary>
/// A sample file that cannot be used, with where: <c>file:line:column: message</c> (line and column 1-based; 0 when the
/// problem is the whole file or a whole line).
/// </summary>
public sealed class SampleFileException(string file, int line, int column, string problem)
    : Exception(Format(file, line, column, problem))
{
    public string File { get; } = file;

    public int Line { get; } = line;

    public int Column { get; } = column;

    public string Problem { get; } = problem;

    private static string Format(string file, int line, int column, string problem) => (line, column) switch
    {
        (> 0, > 0) => $"{file}:{line}:{column}: {problem}",
        (> 0, _) => $"{file}:{line}: {problem}",
        _ => $"{file}: {problem}",
    };
}
