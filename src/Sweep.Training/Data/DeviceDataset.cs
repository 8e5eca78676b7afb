using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Training.Data;

/// <summary>A <see cref="TabularDataset"/> copied to a device once: features float32 (N × F), labels int64 (N).</summary>
public sealed class DeviceDataset : IDisposable
{
    public DeviceDataset(TabularDataset data, Device device)
    {
        using var scope = torch.NewDisposeScope();
        Count = data.Count;
        Features = torch.tensor(data.Features, [data.Count, data.FeatureCount]).to(device).MoveToOuterDisposeScope();
        Labels = torch.tensor(Array.ConvertAll(data.Labels, l => (long)l)).to(device).MoveToOuterDisposeScope();
    }

    public int Count { get; }

    public Tensor Features { get; }

    public Tensor Labels { get; }

    public void Dispose()
    {
        Features.Dispose();
        Labels.Dispose();
    }
}
