using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Sweep.Training.Models;

/// <summary>
/// A square-kernel, stride-1, "same"-padded 2-d convolution written as im2col and one matrix product:
/// <c>unfold</c> lays every k×k patch of every channel out as a column, and the weights, viewed as an
/// [out, in·k·k] matrix, multiply those columns. It computes exactly what <c>conv2d</c> computes.
/// </summary>
/// <remarks>
/// Why not <c>conv2d</c>: in libtorch 2.10's CPU build (TorchSharp 0.107), the gradient of <c>conv2d</c> with respect
/// to its <i>input</i> is sometimes garbage. The same backward on the same tensors, repeated 500 times, gave a
/// different gradient 2 to 3 times, with entries above 10⁴ or non-finite, at 8 input channels (sides 4 and 14, 3×3);
/// at 6 or 32 channels it did not. That is the gradient reaching the first layer through the second convolution, so
/// Adam's first step turned θ (or w', through Θᵀ) non-finite, at random steps and in some runs only: the "flaky CNN"
/// of issue 17. <c>unfold</c> and <c>matmul</c> repeated the same 500 times gave one gradient every time.
/// </remarks>
public static class Im2ColConvolution
{
    /// <param name="input">[N, in, side, side].</param>
    /// <param name="weight">[out, in, k, k], k odd.</param>
    /// <param name="bias">[out].</param>
    /// <returns>[N, out, side, side].</returns>
    public static Tensor Same(Tensor input, Tensor weight, Tensor bias)
    {
        using var scope = torch.NewDisposeScope();
        var (count, height, width) = (input.shape[0], input.shape[2], input.shape[3]);
        var (outputs, kernel) = (weight.shape[0], weight.shape[2]);
        var columns = F.unfold(input, kernel, padding: kernel / 2); // [N, in·k·k, side·side]
        var product = weight.reshape(outputs, -1).matmul(columns) + bias.view(1, outputs, 1);
        return product.view(count, outputs, height, width).MoveToOuterDisposeScope();
    }
}
