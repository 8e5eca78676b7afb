using System.Globalization;
using TorchSharp;

namespace Sweep.Training.Runtime;

/// <summary>Where a trainer runs: <c>cpu</c>, <c>cuda</c> (device 0) or <c>cuda:N</c>.</summary>
public readonly record struct TorchDevice
{
    private TorchDevice(bool isCuda, int index)
    {
        IsCuda = isCuda;
        Index = index;
    }

    public static TorchDevice Cpu { get; } = new(false, 0);

    public bool IsCuda { get; }

    /// <summary>The CUDA device index; 0 for the CPU.</summary>
    public int Index { get; }

    public static TorchDevice Cuda(int index = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new TorchDevice(true, index);
    }

    /// <summary>Parses <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c> (case-insensitive).</summary>
    /// <exception cref="FormatException">For anything else.</exception>
    public static TorchDevice Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim().ToLowerInvariant();
        if (trimmed == "cpu")
        {
            return Cpu;
        }

        if (trimmed == "cuda")
        {
            return Cuda();
        }

        if (trimmed.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(trimmed.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return Cuda(index);
        }

        throw new FormatException($"'{text}' is not a device; use 'cpu', 'cuda' or 'cuda:N' (N a device index such as 0).");
    }

    /// <summary>The TorchSharp device.</summary>
    /// <exception cref="InvalidOperationException">When CUDA is asked for and TorchSharp cannot see a CUDA device.</exception>
    public torch.Device ToTorch()
    {
        if (!IsCuda)
        {
            return torch.CPU;
        }

        if (!torch.cuda.is_available())
        {
            throw new InvalidOperationException(TorchRuntime.IsCudaBuild
                ? $"Device '{this}' was requested, but TorchSharp finds no usable CUDA device on this machine (check the driver and CUDA_VISIBLE_DEVICES)."
                : $"Device '{this}' was requested, but this build of Sweep uses the CPU build of TorchSharp (TorchBackend=cpu). "
                  + "Rebuild with 'dotnet build -p:TorchBackend=cuda' (package TorchSharp-cuda-linux) to train on a GPU.");
        }

        var count = torch.cuda.device_count();
        if (Index >= count)
        {
            throw new InvalidOperationException($"Device '{this}' was requested, but this machine has {count} CUDA device(s).");
        }

        return torch.device(DeviceType.CUDA, Index);
    }

    public override string ToString() => IsCuda ? $"cuda:{Index.ToString(CultureInfo.InvariantCulture)}" : "cpu";
}
