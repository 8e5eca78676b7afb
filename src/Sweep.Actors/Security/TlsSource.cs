using Akka.Configuration;

namespace Sweep.Actors.Security;

/// <summary>
/// Where a process's TLS certificate and its password come from, in this order: the command line
/// (<c>--tls-cert</c>, <c>--tls-password-file</c>), the environment (<c>SWEEP_TLS_CERT</c>, <c>SWEEP_TLS_PASSWORD</c>,
/// <c>SWEEP_TLS_PASSWORD_FILE</c>), then the HOCON <c>sweep.tls</c> section (cluster-config/tls.conf). The password
/// itself is never an argument, so <c>ps</c> cannot show it. TLS is on when a certificate is named anywhere, or when
/// the configuration turns <c>enable-ssl</c> on (then a certificate is required).
/// </summary>
public sealed record TlsSource(string? CertificatePath, string? PasswordFile)
{
    public const string CertificateVariable = "SWEEP_TLS_CERT";
    public const string PasswordVariable = "SWEEP_TLS_PASSWORD";
    public const string PasswordFileVariable = "SWEEP_TLS_PASSWORD_FILE";

    /// <summary>Null when TLS is off; <see cref="TlsConfigurationException"/> when it is on and cannot work.</summary>
    public TransportSecurity? Resolve(Config? config, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var certificate = NonEmpty(CertificatePath) ?? NonEmpty(environment(CertificateVariable)) ?? NonEmpty(config?.GetString("sweep.tls.certificate", null));
        var required = config?.GetBoolean("akka.remote.dot-netty.tcp.enable-ssl", false) ?? false;
        if (certificate is null)
        {
            return required
                ? throw new TlsConfigurationException($"akka.remote.dot-netty.tcp.enable-ssl is on but no certificate is named: pass --tls-cert <file.pfx>, set ${CertificateVariable}, or set sweep.tls.certificate.")
                : null;
        }

        return TransportSecurity.Load(certificate, Password(config, environment));
    }

    private string Password(Config? config, Func<string, string?> environment)
    {
        if (NonEmpty(PasswordFile) is { } file)
        {
            return ReadPasswordFile(file, "--tls-password-file");
        }

        if (environment(PasswordVariable) is { } password)
        {
            return password;
        }

        if (NonEmpty(environment(PasswordFileVariable)) is { } fromEnvironment)
        {
            return ReadPasswordFile(fromEnvironment, "$" + PasswordFileVariable);
        }

        return NonEmpty(config?.GetString("sweep.tls.password-file", null)) is { } fromConfig ? ReadPasswordFile(fromConfig, "sweep.tls.password-file") : "";
    }

    /// <summary>The file's first line (what <c>echo secret &gt; file</c> writes, without the newline).</summary>
    private static string ReadPasswordFile(string path, string source)
    {
        try
        {
            using var reader = new StreamReader(path);
            return reader.ReadLine() ?? "";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TlsConfigurationException($"{source} {path}: cannot read the password ({e.Message.TrimEnd('.')}).");
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
