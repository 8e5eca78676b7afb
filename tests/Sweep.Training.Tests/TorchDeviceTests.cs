using Sweep.Training.Runtime;
using TorchSharp;

namespace Sweep.Training.Tests;

public sealed class TorchDeviceTests : TorchTestBase
{
    [Theory]
    [InlineData("cpu", "cpu")]
    [InlineData("CPU", "cpu")]
    [InlineData("cuda", "cuda:0")]
    [InlineData("cuda:3", "cuda:3")]
    public void Parses_device_names(string text, string expected)
    {
        Assert.Equal(expected, TorchDevice.Parse(text).ToString());
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:x")]
    [InlineData("")]
    public void Rejects_other_names_with_a_format_error(string text)
    {
        var error = Assert.Throws<FormatException>(() => TorchDevice.Parse(text));

        Assert.Contains("'cpu', 'cuda' or 'cuda:N'", error.Message);
    }

    [Fact]
    public void Cpu_maps_to_the_torch_cpu_device()
    {
        Assert.Equal(DeviceType.CPU, TorchDevice.Cpu.ToTorch().type);
    }

    [Fact]
    public void Cuda_without_a_gpu_explains_the_build()
    {
        if (torch.cuda.is_available())
        {
            Assert.Equal(DeviceType.CUDA, TorchDevice.Parse("cuda").ToTorch().type);
            return;
        }

        var error = Assert.Throws<InvalidOperationException>(() => TorchDevice.Parse("cuda").ToTorch());

        Assert.Contains(TorchRuntime.IsCudaBuild ? "no usable CUDA device" : "TorchBackend=cpu", error.Message);
    }

    [Fact]
    public void Configuring_the_same_thread_count_again_is_a_no_op_and_a_different_one_fails()
    {
        TorchRuntime.Configure(1);

        Assert.Equal(1, TorchRuntime.IntraOpThreads);
        Assert.Throws<InvalidOperationException>(() => TorchRuntime.Configure(2));
    }
}
