using Sweep.Training.Runtime;

namespace Sweep.Training.Tests;

/// <summary>Configures TorchSharp as the app does (one intra-op thread) before any test touches it.</summary>
public abstract class TorchTestBase
{
    protected TorchTestBase() => TorchRuntime.Configure(1);
}
