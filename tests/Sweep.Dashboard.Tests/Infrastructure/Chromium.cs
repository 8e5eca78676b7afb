using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Sweep.Dashboard.Tests.Infrastructure;

/// <summary>
/// Debian's chromium, headless, with a fresh profile, driven over the DevTools protocol (<see cref="DevToolsPage"/>):
/// navigate, evaluate JavaScript in the page, take screenshots.
/// </summary>
public sealed partial class Chromium : IAsyncDisposable
{
    public const string Binary = "/usr/bin/chromium";

    private readonly Process _process;
    private readonly string _profile;

    private Chromium(Process process, string profile, DevToolsPage page)
    {
        _process = process;
        _profile = profile;
        Page = page;
    }

    public static bool IsInstalled => File.Exists(Binary);

    public DevToolsPage Page { get; }

    public static async Task<Chromium> StartAsync(int width = 1400, int height = 1200)
    {
        var profile = Directory.CreateTempSubdirectory("sweep-chromium-").FullName;
        var info = new ProcessStartInfo(Binary) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--no-first-run", "--user-data-dir=" + profile, "--remote-debugging-port=0", "--remote-allow-origins=*",
                     $"--window-size={width},{height}", "about:blank",
                 })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line && DevToolsLine().Match(line) is { Success: true } m)
            {
                listening.TrySetResult(int.Parse(m.Groups[1].Value));
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var port = await listening.Task.WaitAsync(TimeSpan.FromSeconds(30));

        using var http = new HttpClient();
        var targets = JsonNode.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/json/list"))!.AsArray();
        var pageTarget = targets.First(t => (string?)t!["type"] == "page")!;
        var page = await DevToolsPage.ConnectAsync(new Uri((string)pageTarget["webSocketDebuggerUrl"]!));
        await page.SendAsync("Page.enable");
        await page.SendAsync("Runtime.enable");
        return new Chromium(process, profile, page);
    }

    public async ValueTask DisposeAsync()
    {
        await Page.DisposeAsync();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // chromium's helpers may still hold a file for a moment; the folder is a temp folder.
        }
    }

    [GeneratedRegex(@"DevTools listening on ws://127\.0\.0\.1:(\d+)/")]
    private static partial Regex DevToolsLine();
}
