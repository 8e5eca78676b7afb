namespace Sweep.Core.Estimators;

/// <summary>
/// Thrown when an estimator is given input it cannot use: mismatched sample counts, too few samples for <c>k</c>,
/// a NaN or infinite value, an empty dimension. The message says what is wrong and where.
/// </summary>
public sealed class EstimatorInputException(string message, string? paramName = null) : ArgumentException(message, paramName);
