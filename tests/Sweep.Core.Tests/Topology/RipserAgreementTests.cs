using Sweep.Core.Randomness;
using Sweep.Core.Topology;

namespace Sweep.Core.Tests.Topology;

/// <summary>
/// Our barcodes against Debian's ripser on the same distance matrices, bar for bar to 1e-6. Distances are rounded to
/// 4 decimals first, so ripser's 32-bit floats and 6-digit output hold them exactly and ties fall the same way.
/// </summary>
public sealed class RipserAgreementTests
{
    public static TheoryData<string, int> Families => new()
    {
        { "cube", 0 }, { "gaussian", 1 }, { "circle", 2 }, { "integer-metric", 3 }, { "ties", 4 },
    };

    [Theory]
    [MemberData(nameof(Families))]
    public void Barcodes_match_ripser_on_twelve_random_clouds_of_a_family(string family, int familySeed)
    {
        RipserBinary.RequireInstalled();
        for (var c = 0; c < 12; c++)
        {
            var seed = 1000 * familySeed + c;
            var distances = RandomMatrix(family, seed);
            AssertSameBarcodes(distances, null, $"{family} #{c} (n = {distances.Count})");
        }
    }

    [Fact]
    public void Barcodes_match_ripser_under_a_threshold_with_essential_classes()
    {
        RipserBinary.RequireInstalled();
        for (var c = 0; c < 10; c++)
        {
            var distances = RandomMatrix(c % 2 == 0 ? "circle" : "cube", 500 + c);
            var threshold = Math.Round(distances.EnclosingRadius() * (0.25 + 0.05 * c), 4);
            AssertSameBarcodes(distances, threshold, $"cloud #{c} at threshold {threshold}");
        }
    }

    [Fact]
    public void A_noisy_circle_has_an_essential_loop_below_its_death_and_a_finite_one_above()
    {
        RipserBinary.RequireInstalled();
        var distances = Rounded(DistanceMatrix.FromPoints(Clouds.Circle(60, 1, 0.03, 8)));
        var full = VietorisRips.Compute(distances);
        var longest = full.H1.MaxBy(b => b.Persistence);
        var cut = Math.Round((longest.Birth + longest.Death) / 2, 4);

        var below = VietorisRips.Compute(distances, new RipsOptions(Threshold: cut));

        Assert.Contains(below.H1, b => b.IsEssential && Math.Abs(b.Birth - longest.Birth) < 1e-12);
        AssertSameBarcodes(distances, cut, "circle cut mid-bar");
    }

    private static void AssertSameBarcodes(DistanceMatrix distances, double? threshold, string what)
    {
        var ours = VietorisRips.Compute(distances, new RipsOptions(1, threshold));
        var theirs = RipserBinary.Barcodes(distances, threshold);
        for (var dimension = 0; dimension <= 1; dimension++)
        {
            var expected = Sorted(theirs[dimension]);
            var actual = Sorted(ours.Dimension(dimension));
            Assert.True(expected.Count == actual.Count, $"{what}: H{dimension} has {actual.Count} bars, ripser {expected.Count}");
            for (var b = 0; b < expected.Count; b++)
            {
                Assert.True(
                    Close(expected[b].Birth, actual[b].Birth) && Close(expected[b].Death, actual[b].Death),
                    $"{what}: H{dimension} bar {b} is {actual[b]}, ripser {expected[b]}");
            }
        }
    }

    private static bool Close(double a, double b) => a == b || Math.Abs(a - b) <= 1e-6;

    private static List<PersistenceInterval> Sorted(IEnumerable<PersistenceInterval> bars) =>
        bars.OrderBy(b => b.Birth).ThenBy(b => b.Death).ToList();

    /// <summary>A random matrix of the family: Euclidean clouds rounded to 4 decimals, or non-Euclidean integer metrics.</summary>
    internal static DistanceMatrix RandomMatrix(string family, long seed)
    {
        var random = new SplitMix64(seed);
        var n = 12 + random.NextInt(70);
        var dimension = 2 + random.NextInt(6);
        return family switch
        {
            "cube" => Rounded(DistanceMatrix.FromPoints(Clouds.UniformCube(n, dimension, seed))),
            "gaussian" => Rounded(DistanceMatrix.FromPoints(Clouds.Gaussian(n, dimension, seed))),
            "circle" => Rounded(DistanceMatrix.FromPoints(Clouds.Circle(n, 1, 0.1, seed))),
            "integer-metric" => RandomSymmetric(n, 1000, random),
            "ties" => RandomSymmetric(n, 6, random),
            _ => throw new ArgumentOutOfRangeException(nameof(family)),
        };
    }

    /// <summary>A symmetric matrix of integers 1..levels off the diagonal (a metric need not be Euclidean; few levels make many ties).</summary>
    private static DistanceMatrix RandomSymmetric(int n, int levels, SplitMix64 random)
    {
        var values = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < i; j++)
            {
                values[i * n + j] = values[j * n + i] = 1 + random.NextInt(levels);
            }
        }

        return DistanceMatrix.FromSquare(values, n);
    }

    internal static DistanceMatrix Rounded(DistanceMatrix distances)
    {
        var n = distances.Count;
        var values = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                values[i * n + j] = Math.Round(distances[i, j], 4);
            }
        }

        return DistanceMatrix.FromSquare(values, n);
    }
}
