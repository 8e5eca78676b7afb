namespace Sweep.Core.Specs;

/// <summary>
/// The shape of a <c>model.kind: cnn</c> network (Sweep.Training's FunctionalCnn): <see cref="Side"/>×<see cref="Side"/> images of
/// <see cref="Channels"/> channels, a first convolution of <see cref="Filters"/> filters of
/// <see cref="Kernel"/>×<see cref="Kernel"/> (the filters whose topology is studied), a second of
/// <see cref="SecondFilters"/> filters of <see cref="SecondKernel"/>×<see cref="SecondKernel"/>, and a linear head to
/// <see cref="Classes"/>. Kernels are odd so "same" padding keeps the side; each convolution is followed by ReLU and a
/// 2×2 max-pool.
/// </summary>
public sealed record CnnSpec(
    int Side = 28,
    int Channels = 1,
    int Filters = 32,
    int Kernel = 3,
    int SecondFilters = 32,
    int SecondKernel = 3,
    int Classes = 10)
{
    /// <summary>The side after both pools (each halves it, rounding down).</summary>
    public int PooledSide => Side / 4;

    /// <summary>The inputs of the linear head.</summary>
    public int HeadInputs => SecondFilters * PooledSide * PooledSide;

    /// <summary>D, the number of weights and biases.</summary>
    public long ParameterCount =>
        ((long)Channels * Kernel * Kernel + 1) * Filters
        + ((long)Filters * SecondKernel * SecondKernel + 1) * SecondFilters
        + ((long)HeadInputs + 1) * Classes;

    public string Describe() => $"cnn {Filters}×{Kernel}x{Kernel}, {SecondFilters}×{SecondKernel}x{SecondKernel} on {Side}x{Side}x{Channels} (classes {Classes})";

    public void Validate()
    {
        if (Side < 4)
        {
            throw new ArgumentOutOfRangeException(nameof(Side), Side, "A CNN needs images of side ≥ 4 (two 2×2 pools).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(Channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(Filters, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(SecondFilters, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(Classes, 2);
        foreach (var (name, kernel) in new[] { (nameof(Kernel), Kernel), (nameof(SecondKernel), SecondKernel) })
        {
            if (kernel < 1 || kernel % 2 == 0)
            {
                throw new ArgumentOutOfRangeException(name, kernel, "A kernel size must be odd and positive (same padding).");
            }
        }
    }
}
