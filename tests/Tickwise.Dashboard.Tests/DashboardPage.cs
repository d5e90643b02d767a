using Microsoft.Playwright;

namespace Tickwise.Dashboard.Tests;

/// <summary>One browser tab on the dashboard, recording every console error and uncaught page error.</summary>
internal sealed class DashboardPage : IAsyncDisposable
{
    /// <summary>The dashboard's colours that the pixel checks look for (web/src/ui/chartTheme.ts).</summary>
    public static readonly int[][] CandleColours = [[38, 166, 154], [239, 83, 80]];

    /// <summary>The pair panel's price lines (A and B) and z-score line.</summary>
    public static readonly int[][] PairColours = [[79, 195, 247], [255, 183, 77], [230, 230, 230]];

    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];

    private DashboardPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error") lock (_errors) _errors.Add($"console: {message.Text} ({message.Location})");
        };
        page.PageError += (_, error) =>
        {
            lock (_errors) _errors.Add($"page error: {error}");
        };
    }

    public IPage Page { get; }

    /// <summary>Console and page errors so far.</summary>
    public IReadOnlyList<string> Errors
    {
        get { lock (_errors) return [.. _errors]; }
    }

    /// <summary>Opens a tab of <paramref name="width"/> x <paramref name="height"/> CSS pixels (downloads accepted).</summary>
    public static async Task<DashboardPage> OpenAsync(IBrowser browser, int width = 1400, int height = 1000)
    {
        IBrowserContext context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
        });
        IPage page = await context.NewPageAsync();
        return new DashboardPage(context, page);
    }

    /// <summary>Goes to <paramref name="url"/> and waits until every panel has loaded (the page marks body[data-loaded]).</summary>
    public async Task LoadAsync(Uri url)
    {
        await Page.GotoAsync(url.ToString());
        await Page.WaitForSelectorAsync("body[data-loaded='true']", new PageWaitForSelectorOptions { Timeout = 30_000 });
    }

    /// <summary>Counts the opaque canvas pixels under <paramref name="container"/> within 12 of one of <paramref name="colours"/> per channel.</summary>
    public Task<int> CountPixelsAsync(string container, int[][] colours) =>
        Page.EvaluateAsync<int>(
            """
            ([selector, colours]) => {
              let count = 0;
              for (const canvas of document.querySelectorAll(selector + ' canvas')) {
                if (!canvas.width || !canvas.height) continue;
                const context = canvas.getContext('2d');
                if (!context) continue;
                const d = context.getImageData(0, 0, canvas.width, canvas.height).data;
                for (let i = 0; i < d.length; i += 4) {
                  if (d[i + 3] < 200) continue;
                  for (const [r, g, b] of colours) {
                    if (Math.abs(d[i] - r) <= 12 && Math.abs(d[i + 1] - g) <= 12 && Math.abs(d[i + 2] - b) <= 12) { count++; break; }
                  }
                }
              }
              return count;
            }
            """,
            new object[] { container, colours });

    /// <summary>Waits until the canvases under <paramref name="container"/> show at least <paramref name="minimum"/> pixels of the colours.</summary>
    public async Task<int> WaitForPixelsAsync(string container, int[][] colours, int minimum, int timeoutMs = 15_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        int count;
        while ((count = await CountPixelsAsync(container, colours)) < minimum && DateTime.UtcNow < deadline) await Task.Delay(100);
        return count;
    }

    /// <summary>A fingerprint of what the canvases under <paramref name="container"/> show (to tell a redraw from none).</summary>
    public Task<string> CanvasFingerprintAsync(string container) =>
        Page.EvaluateAsync<string>(
            "selector => [...document.querySelectorAll(selector + ' canvas')].map(c => c.width ? c.toDataURL().length + ':' + c.toDataURL().slice(-64) : '').join('|')",
            container);

    /// <summary>Saves a full-page screenshot as <c>TestResults/screenshots/NAME.png</c> under the test output directory.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        string directory = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    /// <summary>Fills the alert form for a high-priority BTCUSDT 1s rule without cooldown, all but the threshold.</summary>
    public async Task FillAlertFormAsync(string name, string type)
    {
        await Page.FillAsync("#alert-form input[name='name']", name);
        await Page.SelectOptionAsync("#alert-form select[name='type']", type);
        await Page.SelectOptionAsync("#alert-form select[name='symbol']", "BTCUSDT");
        await Page.SelectOptionAsync("#alert-form select[name='interval']", "1s");
        await Page.SelectOptionAsync("#alert-form select[name='priority']", "high");
        await Page.FillAsync("#alert-form input[name='cooldown_s']", "0");
    }

    /// <summary>Types the threshold, submits the alert form and waits until the rule list grew (the server accepted the
    /// rule); fails when the form shows an error instead.</summary>
    public async Task SubmitAlertFormAsync(double threshold)
    {
        await Page.FillAsync("#alert-form input[name='threshold']", threshold.ToString(System.Globalization.CultureInfo.InvariantCulture));
        int before = await Page.Locator("table[data-table='alert-rules'] tbody tr").CountAsync();
        await Page.ClickAsync("#alert-form button[type='submit']");
        await Page.WaitForFunctionAsync(
            "([n]) => document.querySelectorAll(\"table[data-table='alert-rules'] tbody tr\").length > n || document.querySelector('#alert-form .form-error').textContent !== ''",
            new object[] { before });
        (await Page.Locator("#alert-form .form-error").InnerTextAsync()).ShouldBeEmpty();
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
