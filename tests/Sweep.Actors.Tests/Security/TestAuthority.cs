using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Sweep.Actors.Tests.Security;

/// <summary>A real certificate authority made in memory (RSA, X.509 v3), and PKCS#12 files of certificates it signs.</summary>
internal sealed class TestAuthority : IDisposable
{
    private readonly RSA _key = RSA.Create(2048);

    public TestAuthority(string name)
    {
        var request = new CertificateRequest($"CN={name}", _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var withKey = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        Certificate = X509CertificateLoader.LoadCertificate(withKey.RawData); // what a PFX carries: the CA's certificate, not its key

    }

    /// <summary>The CA's certificate without its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>A leaf certificate with its key, signed by this CA.</summary>
    public X509Certificate2 Issue(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var serial = RandomNumberGenerator.GetBytes(12);
        using var signed = request.Create(Certificate.SubjectName, X509SignatureGenerator.CreateForRSA(_key, RSASignaturePadding.Pkcs1), DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), serial);
        return signed.CopyWithPrivateKey(key);
    }

    /// <summary>Writes <paramref name="certificates"/> as one PKCS#12 file (the first with its key, as make-certs does).</summary>
    public static string WritePfx(string folder, string name, string password, params X509Certificate2[] certificates)
    {
        var collection = new X509Certificate2Collection(certificates);
        var path = Path.Combine(folder, name + ".pfx");
        File.WriteAllBytes(path, collection.Export(X509ContentType.Pkcs12, password)!);
        return path;
    }

    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
    }
}
