namespace Sweep.Core.Bounds;

/// <summary>
/// A Lipschitz constant in the weights of the bounded surrogate loss ℓ_B = min(CE(f_θ(x), y), B)/B of a ReLU MLP
/// f_θ(x) = W_m σ(⋯σ(W_1 x + b_1)⋯) + b_m, valid on every θ whose layers satisfy ‖W_l‖₂ ≤ s_l and ‖b_l‖ ≤ β_l, for
/// ‖x‖ ≤ X (docs/rate-distortion.md):
/// <list type="bullet">
/// <item>CE is √2-Lipschitz in the logits (its gradient softmax(z) − e_y has norm ≤ √2), so ℓ_B is √2/B-Lipschitz in z;</item>
/// <item>the layer inputs obey ‖h_0‖ ≤ X, ‖h_l‖ ≤ s_l·‖h_{l−1}‖ + β_l (ReLU is 1-Lipschitz and fixes 0);</item>
/// <item>a change (δW_l, δb_l) moves layer l's pre-activation by at most ‖(δW_l, δb_l)‖·sqrt(‖h_{l−1}‖² + 1), and the
/// logits by that times Π_{k&gt;l} s_k; by Cauchy–Schwarz over the layers, ‖∂f/∂θ‖ ≤ sqrt(Σ_l (sqrt(‖h_{l−1}‖²+1)·Π_{k&gt;l} s_k)²).</item>
/// </list>
/// Norms are convex, so on the segment [θ̃, θ] the bounds s_l = max(‖W_l‖₂, ‖W̃_l‖₂) and β_l = max(‖b_l‖, ‖b̃_l‖) hold,
/// and the mean value inequality (f is piecewise smooth and continuous in θ) makes L = √2/B · that a Lipschitz constant there.
/// </summary>
public static class MlpLipschitz
{
    /// <param name="spectralNorms">s_l, from the first layer to the last.</param>
    /// <param name="biasNorms">β_l, in the same order.</param>
    /// <param name="inputNorm">X, a bound on ‖x‖ over the input domain.</param>
    /// <param name="lossCap">B, where the surrogate cross-entropy is capped (nats).</param>
    public static double Compute(IReadOnlyList<double> spectralNorms, IReadOnlyList<double> biasNorms, double inputNorm, double lossCap)
    {
        ArgumentNullException.ThrowIfNull(spectralNorms);
        ArgumentNullException.ThrowIfNull(biasNorms);
        if (spectralNorms.Count == 0 || spectralNorms.Count != biasNorms.Count)
        {
            throw new ArgumentException("One spectral norm and one bias norm per layer are needed.", nameof(biasNorms));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(inputNorm);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lossCap);
        var layers = spectralNorms.Count;
        var inputNorms = new double[layers];
        inputNorms[0] = inputNorm;
        for (var l = 1; l < layers; l++)
        {
            inputNorms[l] = spectralNorms[l - 1] * inputNorms[l - 1] + biasNorms[l - 1];
        }

        double sumSquares = 0;
        for (var l = 0; l < layers; l++)
        {
            var downstream = 1.0;
            for (var k = l + 1; k < layers; k++)
            {
                downstream *= spectralNorms[k];
            }

            var block = Math.Sqrt(inputNorms[l] * inputNorms[l] + 1) * downstream;
            sumSquares += block * block;
        }

        return Math.Sqrt(2) / lossCap * Math.Sqrt(sumSquares);
    }
}
