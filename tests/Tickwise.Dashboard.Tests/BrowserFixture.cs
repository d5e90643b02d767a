using System.Diagnostics;
using Microsoft.Playwright;

namespace Tickwise.Dashboard.Tests;

/// <summary>Playwright driving Debian's Chromium (headless, --no-sandbox), shared by the tests of a collection.</summary>
/// <remarks>Playwright's own browser download is not used (no network but the package registries): when
/// <c>/usr/bin/chromium</c> is missing, the fixture installs Debian's package with apt-get.</remarks>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Where Debian installs Chromium.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    /// <summary>The browser; each test opens its own context.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Installs Chromium when missing and launches it.</summary>
    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath)) await InstallChromiumAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>Closes the browser.</summary>
    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
    }

    private static async Task InstallChromiumAsync()
    {
        foreach (string[] command in new[] { new[] { "apt-get", "update", "-qq" }, new[] { "apt-get", "install", "-y", "-qq", "chromium" } })
        {
            var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string arg in command.Skip(1)) start.ArgumentList.Add(arg);
            start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command[0]} did not start");
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{string.Join(' ', command)} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
        if (!File.Exists(ChromiumPath)) throw new FileNotFoundException("apt-get install chromium did not provide the browser", ChromiumPath);
    }
}
