using System.Security.Cryptography;
using System.Text;

namespace Sweep.Core.Trials;

/// <summary>A trial's stable id: derived from its grid point alone, so the same spec gives the same ids.</summary>
public readonly record struct TrialId(string Value)
{
    public static TrialId FromCanonicalPoint(string canonicalPoint)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonicalPoint));
        return new TrialId("t-" + Convert.ToHexStringLower(hash.AsSpan(0, 6)));
    }

    public override string ToString() => Value;
}

/// <summary>A sweep's id: derived from its name and spec hash, so re-submitting the same spec finds the same sweep.</summary>
public readonly record struct SweepId(string Value)
{
    public override string ToString() => Value;
}
