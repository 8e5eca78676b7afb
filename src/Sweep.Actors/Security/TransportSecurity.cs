using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Event;
using Akka.Remote.Transport.DotNetty;

namespace Sweep.Actors.Security;

/// <summary>
/// TLS with mutual authentication on Akka.Remote's DotNetty transport, trusting only the cluster's own CA.
/// Every process (node or CLI client) holds one PKCS#12 file: its certificate with the private key, and the
/// certificate of the CA that signed it (scripts/make-certs bundles it). A peer is accepted, in either direction of
/// a connection, only when its certificate chains to one of those CA certificates; the operating system's trust
/// store plays no part, so a certificate from any public CA is refused too.
/// </summary>
public sealed class TransportSecurity
{
    /// <summary>The address scheme of a TLS transport: <c>akka.ssl.tcp://sweep@host:port</c>.</summary>
    public const string SecureScheme = "akka.ssl.tcp";

    public const string PlainScheme = "akka.tcp";

    private TransportSecurity(string path, X509Certificate2 certificate, X509Certificate2Collection authorities)
    {
        Path = path;
        Certificate = certificate;
        Authorities = authorities;
    }

    public string Path { get; }

    /// <summary>This process's certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The CA certificates a peer's certificate must chain to.</summary>
    public X509Certificate2Collection Authorities { get; }

    public static string SchemeFor(TransportSecurity? tls) => tls is null ? PlainScheme : SecureScheme;

    /// <summary>Loads a PKCS#12 file; <see cref="TlsConfigurationException"/> names the file and what is wrong.</summary>
    public static TransportSecurity Load(string path, string password)
    {
        if (!File.Exists(path))
        {
            throw new TlsConfigurationException($"{path}: no such certificate file.");
        }

        X509Certificate2Collection all;
        try
        {
            all = X509CertificateLoader.LoadPkcs12CollectionFromFile(path, password, X509KeyStorageFlags.Exportable);
        }
        catch (CryptographicException e)
        {
            throw new TlsConfigurationException($"{path}: not a PKCS#12 file this password opens ({e.Message.TrimEnd('.')}).");
        }

        var own = all.Where(c => c.HasPrivateKey).ToList();
        if (own.Count != 1)
        {
            throw new TlsConfigurationException($"{path}: holds {own.Count} certificates with a private key; it must hold exactly one, this process's own.");
        }

        var authorities = new X509Certificate2Collection(all.Where(c => !c.HasPrivateKey && IsAuthority(c)).ToArray());
        if (authorities.Count == 0)
        {
            throw new TlsConfigurationException($"{path}: holds no CA certificate. Bundle the cluster CA's certificate with it (scripts/make-certs does), so peers can be checked against it.");
        }

        var security = new TransportSecurity(path, own[0], authorities);
        if (!security.IsTrusted(own[0], null, out var why))
        {
            throw new TlsConfigurationException($"{path}: its own certificate ({own[0].Subject}) is not signed by the CA it carries: {why}.");
        }

        return security;
    }

    /// <summary>The setup Akka.Remote's transport reads: this certificate, mutual authentication, and <see cref="Validate"/>.</summary>
    public DotNettySslSetup Setup() =>
        new(Certificate, suppressValidation: false, requireMutualAuthentication: true, validateCertificateHostname: false, customValidator: Validate);

    /// <summary>
    /// Akka calls this for the peer's certificate on both ends of every connection (the server side only after the
    /// client presented one; a client that presents none is refused before this runs). Host names are not checked:
    /// nodes reach each other by IP, and holding a certificate of the cluster's CA is what makes a member.
    /// </summary>
    public bool Validate(X509Certificate2? certificate, X509Chain? chain, string peer, System.Net.Security.SslPolicyErrors errors, ILoggingAdapter log)
    {
        if (certificate is null)
        {
            log.Warning("TLS: refused {0}: it presented no certificate.", peer);
            return false;
        }

        if (IsTrusted(certificate, chain, out var why))
        {
            return true;
        }

        log.Warning("TLS: refused {0}: certificate '{1}' is not signed by the cluster's CA ({2}).", peer, certificate.Subject, why);
        return false;
    }

    private bool IsTrusted(X509Certificate2 certificate, X509Chain? presented, out string why)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(Authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements.Skip(1))
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        var trusted = chain.Build(certificate);
        why = trusted ? "" : string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).DefaultIfEmpty("no chain to the CA"));
        return trusted;
    }

    private static bool IsAuthority(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority);
}

/// <summary>A TLS setting that cannot work: bad input, named by file and field.</summary>
public sealed class TlsConfigurationException(string message) : Exception(message);
