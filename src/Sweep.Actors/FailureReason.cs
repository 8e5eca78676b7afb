namespace Sweep.Actors;

/// <summary>
/// The reason recorded for work that threw, a failed trial or an MI group not estimated: the exception's type and
/// message, unwrapped from the single-exception <see cref="AggregateException"/> a faulted task gives.
/// </summary>
public static class FailureReason
{
    public static string Of(Exception e)
    {
        var inner = e is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : e;
        return $"{inner.GetType().Name}: {inner.Message}";
    }
}
