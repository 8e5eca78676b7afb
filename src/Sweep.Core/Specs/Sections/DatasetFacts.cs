namespace Sweep.Core.Specs.Sections;

/// <summary>
/// The facts about a dataset that other sections are checked against: its input size, its number of classes and how
/// many training samples it can draw from. Fashion-MNIST's and the MNIST digits' are fixed; a synthetic dataset's come from its section.
/// </summary>
internal static class DatasetFacts
{
    public const int FashionMnistInputs = 28 * 28;
    public const int FashionMnistClasses = 10;
    public const int FashionMnistTrainImages = 60_000;
    public const int FashionMnistTestImages = 10_000;

    /// <summary>Fashion-MNIST and the MNIST digits are both 28×28 images of 10 classes.</summary>
    public static int Inputs(DatasetSpec dataset) => dataset.IsImages ? FashionMnistInputs : dataset.Synthetic!.Features;

    public static int Classes(DatasetSpec dataset) => dataset.IsImages ? FashionMnistClasses : dataset.Synthetic!.Classes;

    /// <summary>The training samples n is drawn from: Fashion-MNIST's training split, the digits' 80% split, or the synthetic pool.</summary>
    public static int TrainPool(DatasetSpec dataset) => dataset.TrainPool;
}
