using System.Net;

namespace Sweep.Dashboard;

/// <summary>
/// Where the dashboard listens and who may use it. Bound to a loopback address it needs no token (only this machine
/// reaches it); bound elsewhere it needs one (<see cref="Token"/>), and every request without it is refused with 401.
/// Read-only unless <see cref="AllowControl"/>: then the page shows pause, resume and cancel.
/// </summary>
/// <param name="Port">0: a free port, reported by <see cref="DashboardServer.Address"/>.</param>
public sealed record DashboardOptions(string Host = DashboardOptions.DefaultHost, int Port = DashboardOptions.DefaultPort, string? Token = null, bool AllowControl = false)
{
    public const string DefaultHost = "127.0.0.1";

    public const int DefaultPort = 5317;

    /// <summary>The environment variable a token may come from.</summary>
    public const string TokenVariable = "SWEEP_DASHBOARD_TOKEN";

    /// <summary>Whether <see cref="Host"/> is reachable from this machine only (127.0.0.0/8, ::1, localhost).</summary>
    public bool IsLoopback => Host == "localhost" || (IPAddress.TryParse(Host, out var ip) && IPAddress.IsLoopback(ip));

    /// <exception cref="ArgumentException">A host that is not an IP address or localhost, a port outside 0..65535, or no token off loopback.</exception>
    public IPAddress Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException($"--port {Port}: use 1..65535 (0 for a free port).");
        }

        var address = Host == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(Host, out var ip) ? ip : throw new ArgumentException($"--host {Host}: not an IP address (use 127.0.0.1, 0.0.0.0 or this machine's address).");
        if (!IsLoopback && string.IsNullOrEmpty(Token))
        {
            throw new ArgumentException($"--host {Host} is reachable beyond this machine: a token is required.");
        }

        return address;
    }

    /// <summary>A fresh token: 24 random bytes, URL-safe.</summary>
    public static string NewToken() =>
        Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
}
