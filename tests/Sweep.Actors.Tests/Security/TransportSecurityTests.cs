using System.Net.Security;
using Akka.Configuration;
using Akka.Event;
using Sweep.Actors.Security;

namespace Sweep.Actors.Tests.Security;

public sealed class TransportSecurityTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sweep-tls-").FullName;
    private readonly TestAuthority _lab = new("lab CA");
    private readonly TestAuthority _other = new("other CA");

    [Fact]
    public void A_peer_signed_by_the_cluster_CA_is_accepted_one_of_another_CA_or_none_is_refused()
    {
        var node = TransportSecurity.Load(TestAuthority.WritePfx(_folder, "node", "pw", _lab.Issue("node"), _lab.Certificate), "pw");
        var chainErrors = SslPolicyErrors.RemoteCertificateChainErrors; // what the OS store says of a lab CA: unknown root

        Assert.True(node.Validate(_lab.Issue("peer"), null, "peer", chainErrors, NoLogger.Instance));
        Assert.False(node.Validate(_other.Issue("peer"), null, "peer", SslPolicyErrors.None, NoLogger.Instance));
        Assert.False(node.Validate(_other.Certificate, null, "peer", SslPolicyErrors.None, NoLogger.Instance));
        Assert.False(node.Validate(null, null, "peer", SslPolicyErrors.RemoteCertificateNotAvailable, NoLogger.Instance));
    }

    [Fact]
    public void The_setup_enforces_mutual_authentication_with_our_validator()
    {
        var node = TransportSecurity.Load(TestAuthority.WritePfx(_folder, "node", "pw", _lab.Issue("node"), _lab.Certificate), "pw");

        var setup = node.Setup();

        Assert.True(setup.RequireMutualAuthentication);
        Assert.False(setup.SuppressValidation);
        Assert.NotNull(setup.CustomValidator);
        Assert.True(setup.Certificate.HasPrivateKey);
    }

    [Fact]
    public void A_file_without_the_CA_a_wrong_password_or_a_foreign_chain_is_refused_naming_the_file()
    {
        var noCa = TestAuthority.WritePfx(_folder, "no-ca", "pw", _lab.Issue("node"));
        var mixed = TestAuthority.WritePfx(_folder, "mixed", "pw", _lab.Issue("node"), _other.Certificate);

        Assert.Contains("holds no CA certificate", Assert.Throws<TlsConfigurationException>(() => TransportSecurity.Load(noCa, "pw")).Message);
        Assert.Contains("password", Assert.Throws<TlsConfigurationException>(() => TransportSecurity.Load(noCa, "wrong")).Message);
        Assert.Contains("not signed by the CA it carries", Assert.Throws<TlsConfigurationException>(() => TransportSecurity.Load(mixed, "pw")).Message);
        Assert.Contains("missing.pfx", Assert.Throws<TlsConfigurationException>(() => TransportSecurity.Load(Path.Combine(_folder, "missing.pfx"), "pw")).Message);
    }

    [Fact]
    public void The_password_comes_from_the_file_option_then_the_environment_then_the_config()
    {
        var pfx = TestAuthority.WritePfx(_folder, "node", "s3cret", _lab.Issue("node"), _lab.Certificate);
        var file = Path.Combine(_folder, "password");
        File.WriteAllText(file, "s3cret\n");
        var wrongFile = Path.Combine(_folder, "wrong");
        File.WriteAllText(wrongFile, "nope\n");
        var config = ConfigurationFactory.ParseString($"sweep.tls {{ certificate = \"{pfx}\", password-file = \"{file}\" }}");
        Func<string, string?> none = _ => null;

        Assert.NotNull(new TlsSource(pfx, file).Resolve(null, none));
        Assert.NotNull(new TlsSource(pfx, null).Resolve(null, v => v == TlsSource.PasswordVariable ? "s3cret" : null));
        Assert.NotNull(new TlsSource(pfx, null).Resolve(null, v => v == TlsSource.PasswordFileVariable ? file : null));
        Assert.NotNull(new TlsSource(null, null).Resolve(config, none));
        Assert.Throws<TlsConfigurationException>(() => new TlsSource(pfx, wrongFile).Resolve(config, v => v == TlsSource.PasswordVariable ? "s3cret" : null));
    }

    [Fact]
    public void TLS_is_off_without_a_certificate_and_an_error_when_the_config_demands_it()
    {
        Func<string, string?> none = _ => null;
        var demanded = ConfigurationFactory.ParseString("akka.remote.dot-netty.tcp.enable-ssl = on");

        Assert.Null(new TlsSource(null, null).Resolve(ConfigurationFactory.Empty, none));
        Assert.Contains("--tls-cert", Assert.Throws<TlsConfigurationException>(() => new TlsSource(null, null).Resolve(demanded, none)).Message);
    }

    [Fact]
    public void The_tls_overlay_turns_on_mutual_authentication_with_validation()
    {
        var overlay = Actors.Hosting.ClusterConfigFiles.Load("tls.conf").GetConfig("akka.remote.dot-netty.tcp");

        Assert.True(overlay.GetBoolean("enable-ssl"));
        Assert.True(overlay.GetBoolean("ssl.require-mutual-authentication"));
        Assert.False(overlay.GetBoolean("ssl.suppress-validation"));
    }

    public void Dispose()
    {
        _lab.Dispose();
        _other.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
