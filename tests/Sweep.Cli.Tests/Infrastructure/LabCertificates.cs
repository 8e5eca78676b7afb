using System.Diagnostics;

namespace Sweep.Cli.Tests.Infrastructure;

/// <summary>A lab CA and its certificates, made by the real <c>scripts/make-certs</c> (openssl) into a folder.</summary>
internal sealed record LabCertificates(string Folder)
{
    public string PasswordFile => Path.Combine(Folder, "password");

    public string Pfx(string name) => Path.Combine(Folder, name + ".pfx");

    /// <summary>The options that give a sweep process this certificate; the password travels in a file.</summary>
    public string[] Options(string name) => ["--tls-cert", Pfx(name), "--tls-password-file", PasswordFile];

    public static LabCertificates Make(string folder, params string[] names)
    {
        var info = new ProcessStartInfo(Path.Combine(RepositoryRoot(), "scripts", "make-certs"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(folder);
        foreach (var name in names)
        {
            info.ArgumentList.Add(name);
        }

        info.Environment.Remove("SWEEP_TLS_PASSWORD");
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "make-certs failed:\n" + output);
        return new LabCertificates(folder);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "scripts", "make-certs")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("scripts/make-certs not found above " + AppContext.BaseDirectory);
    }
}
