using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Sweep.Core.Randomness;

/// <summary>
/// Derives independent 63-bit seeds from a base seed and a purpose, with SHA-256 so the result never depends on
/// a runtime's random-number algorithm.
/// </summary>
public static class SeedDerivation
{
    public static long Derive(long baseSeed, string purpose, params long[] parts)
    {
        var text = new StringBuilder().Append(baseSeed).Append('/').Append(purpose);
        foreach (var part in parts)
        {
            text.Append('/').Append(part);
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return (long)(BinaryPrimitives.ReadUInt64LittleEndian(hash) >> 1);
    }
}
