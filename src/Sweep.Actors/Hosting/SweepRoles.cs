namespace Sweep.Actors.Hosting;

/// <summary>The cluster roles a Sweep node can hold.</summary>
public static class SweepRoles
{
    public const string Coordinator = "coordinator";
    public const string Trainer = "trainer";
    public const string Estimator = "estimator";

    public static readonly IReadOnlyList<string> All = [Coordinator, Trainer, Estimator];
}
