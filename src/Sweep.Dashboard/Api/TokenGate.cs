using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Sweep.Dashboard.Api;

/// <summary>
/// Refuses (401) every request, page and API alike, that does not carry the token: as <c>?token=</c> (the link the
/// command prints; the page then keeps it in a same-site cookie), an <c>Authorization: Bearer</c> header, or that
/// cookie. Without a token (loopback) it only checks the Host header names a loopback host, so a page elsewhere cannot
/// read the dashboard by pointing a DNS name at 127.0.0.1.
/// </summary>
public sealed class TokenGate(string? token, bool loopback)
{
    public const string CookieName = "sweep_dashboard_token";

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (token is null)
        {
            if (loopback && !IsLoopbackHost(context.Request.Host.Host))
            {
                await Refuse(context, StatusCodes.Status403Forbidden, "This dashboard answers to 127.0.0.1 and localhost only.");
                return;
            }

            await next(context);
            return;
        }

        var fromQuery = context.Request.Query["token"].ToString();
        var given = fromQuery.Length > 0 ? fromQuery
            : context.Request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..]
            : context.Request.Cookies[CookieName] ?? "";
        if (!Matches(given))
        {
            await Refuse(context, StatusCodes.Status401Unauthorized, "This dashboard needs its token: open the link 'sweep dashboard' printed (…/?token=…), or send 'Authorization: Bearer <token>'.");
            return;
        }

        if (fromQuery.Length > 0)
        {
            context.Response.Cookies.Append(CookieName, given, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
        }

        await next(context);
    }

    private bool Matches(string given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(token!));

    private static bool IsLoopbackHost(string host) =>
        host is "localhost" or "[::1]" or "::1" || host.StartsWith("127.", StringComparison.Ordinal);

    private static Task Refuse(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message + "\n");
    }
}
