namespace Sweep.Core.Lora;

/// <summary>The shape of one adapted weight matrix W ∈ R^{d_out×d_in}.</summary>
public readonly record struct AdaptedShape(int Inputs, int Outputs)
{
    /// <summary>The trained numbers of this matrix's adapter at rank <paramref name="rank"/>: r·d_out (B), r·d_in (A) or both.</summary>
    public long TrainableParameters(LoraMode mode, int rank) =>
        (mode.TrainsA() ? (long)rank * Inputs : 0) + (mode.TrainsB() ? (long)rank * Outputs : 0);
}
