using Sweep.Actors.Security;

namespace Sweep.Cli.Hosting;

/// <summary>
/// The CLI client's TLS settings for this invocation: the root command's <c>--tls-cert</c> and
/// <c>--tls-password-file</c>, or the environment. Read when a command connects, so commands that never reach a
/// cluster never open the certificate.
/// </summary>
public static class ClientTransport
{
    private static readonly AsyncLocal<TlsSource?> Current = new();

    public static TlsSource Source
    {
        get => Current.Value ?? new TlsSource(null, null);
        set => Current.Value = value;
    }

    /// <summary>Whether a certificate is named, so addresses use the TLS scheme (<c>akka.ssl.tcp</c>).</summary>
    public static bool Secure =>
        !string.IsNullOrWhiteSpace(Source.CertificatePath) || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(TlsSource.CertificateVariable));
}
