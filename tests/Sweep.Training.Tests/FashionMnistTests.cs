using Sweep.Training.Data;

namespace Sweep.Training.Tests;

public sealed class FashionMnistTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sweep-fmnist-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Missing_files_name_the_path_and_the_debian_package()
    {
        var error = Assert.Throws<FileNotFoundException>(() => FashionMnist.Load(_folder));

        Assert.Contains(Path.Combine(_folder, "train-images-idx3-ubyte.gz"), error.Message);
        Assert.Contains("apt-get install dataset-fashion-mnist", error.Message);
    }

    [Fact]
    public void Loads_gzipped_and_plain_files_standardized()
    {
        var image = new byte[28 * 28];
        image[0] = 255;
        WriteSplit("train", [image, new byte[28 * 28]], [9, 0], gzip: true);
        WriteSplit("t10k", [image], [3], gzip: false);

        var splits = FashionMnist.Load(_folder);

        Assert.Equal(2, splits.TrainPool.Count);
        Assert.Equal(1, splits.Test.Count);
        Assert.Equal(784, splits.TrainPool.FeatureCount);
        Assert.Equal([9, 0], splits.TrainPool.Labels);
        Assert.Equal((1 - 0.2860f) / 0.3530f, splits.TrainPool.Features[0], 1e-6f);
        Assert.Equal(-0.2860f / 0.3530f, splits.TrainPool.Features[1], 1e-6f);
        Assert.Same(splits, FashionMnist.Load(_folder + "/."));
    }

    private void WriteSplit(string prefix, byte[][] images, byte[] labels, bool gzip)
    {
        var imageFile = IdxReaderTests.Idx([images.Length, 28, 28], images.SelectMany(i => i).ToArray());
        var labelFile = IdxReaderTests.Idx([labels.Length], labels);
        var imagesPath = Path.Combine(_folder, $"{prefix}-images-idx3-ubyte");
        var labelsPath = Path.Combine(_folder, $"{prefix}-labels-idx1-ubyte");
        if (gzip)
        {
            IdxReaderTests.WriteGzip(imagesPath + ".gz", imageFile);
            IdxReaderTests.WriteGzip(labelsPath + ".gz", labelFile);
        }
        else
        {
            File.WriteAllBytes(imagesPath, imageFile);
            File.WriteAllBytes(labelsPath, labelFile);
        }
    }
}
