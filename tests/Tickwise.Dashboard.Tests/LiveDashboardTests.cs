using System.Globalization;
using System.Text.Json;
using Xunit.Abstractions;

namespace Tickwise.Dashboard.Tests;

/// <summary>A replay running at 3x while the dashboard is open: live candles and pair rows, and an alert rule created
/// through the form firing into a toast.</summary>
/// <remarks>Needs prices that still move, so the class has its own server (the recording's eleven minutes take about
/// four) instead of the shared, finished one.</remarks>
[Collection(DashboardCollection.Name)]
public sealed class LiveDashboardTests(ReplayServerFixture fixture, LiveReplayFixture live, ITestOutputHelper output) : IClassFixture<LiveReplayFixture>
{
    [Fact]
    public async Task PriceAndPairCharts_ReplayRunning_GrowFromTheLiveFeed()
    {
        DashboardServer server = live.Server;
        await using var sut = await DashboardPage.OpenAsync(fixture.Browser.Browser);
        await sut.LoadAsync(new Uri(server.BaseAddress, "/?symbol=BTCUSDT&interval=1s"));
        int bars = int.Parse(await sut.Page.GetAttributeAsync("#price-chart", "data-bars") ?? "0");
        int rows = int.Parse(await sut.Page.GetAttributeAsync("#pair-chart", "data-rows") ?? "0");

        // No reload happens: only bar_update / bar_closed and pair messages can add candles and rows.
        await sut.Page.WaitForFunctionAsync(
            "([b, r]) => +document.querySelector('#price-chart').dataset.bars > b + 3 && +document.querySelector('#pair-chart').dataset.rows > r + 3",
            new object[] { bars, rows }, new() { Timeout = 30_000 });
        await sut.ScreenshotAsync("dashboard-live");

        (await sut.Page.Locator("#connection").GetAttributeAsync("data-state")).ShouldBe("live");
        (await sut.WaitForPixelsAsync("#price-chart", DashboardPage.CandleColours, 50)).ShouldBeGreaterThanOrEqualTo(50);
        sut.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task AlertForm_PriceRulesAroundTheLastPrice_ShowsAToastWhenOneFires()
    {
        DashboardServer server = live.Server;
        await using var sut = await DashboardPage.OpenAsync(fixture.Browser.Browser);
        await sut.LoadAsync(new Uri(server.BaseAddress, "/?symbol=BTCUSDT&interval=1s"));

        if (!await server.HasOperationAsync("post", "/api/alerts"))
        {
            // The alerts API is not served by this build yet: the panel must say so, without errors, instead of failing.
            (await sut.Page.Locator("table[data-table='alert-rules'] + .empty, #alerts-panel .empty").First.InnerTextAsync()).ShouldContain("not available");
            (await sut.Page.Locator("#alert-form").IsHiddenAsync()).ShouldBeTrue();
            sut.Errors.ShouldBeEmpty();
            output.WriteLine("POST /api/alerts is not in /openapi/v1.json: only the 'not available' state was checked, no toast.");
            return;
        }

        // Bad input stays in the browser: a rule without a name is refused with a message and no request.
        await sut.Page.ClickAsync("#alert-form button[type='submit']");
        (await sut.Page.Locator("#alert-form .form-error").InnerTextAsync()).ShouldBe("a name is required");
        (await sut.Page.Locator("table[data-table='alert-rules'] tbody tr").CountAsync()).ShouldBe(0);

        // A rule a little above and one a little below the last price: BTCUSDT moves more than $2 in the minutes left.
        JsonElement bars = await server.GetJsonAsync("/api/bars?symbol=BTCUSDT&interval=1s&limit=1");
        double last = bars[bars.GetArrayLength() - 1].GetProperty("close").GetDouble();
        await CreateRuleAsync(sut, "Dash above", "price_above", Math.Ceiling(last) + 2);
        await CreateRuleAsync(sut, "Dash below", "price_below", Math.Floor(last) - 2);
        (await sut.Page.Locator("table[data-table='alert-rules'] tbody tr").CountAsync()).ShouldBe(2);

        var fired = sut.Page.Locator(".toast.high", new() { HasText = "Dash " });
        await fired.First.WaitForAsync(new() { Timeout = 120_000 });
        await sut.ScreenshotAsync("alert-toast");

        string text = await fired.First.InnerTextAsync();
        output.WriteLine($"toast: {text.ReplaceLineEndings(" ")}");
        text.ShouldMatch("HIGH · Dash (above|below)");
        (await sut.Page.Locator("table[data-table='alert-events'] tbody tr").CountAsync()).ShouldBeGreaterThan(0, "the fired alert is in the live feed table");
        sut.Errors.ShouldBeEmpty();
    }

    private static async Task CreateRuleAsync(DashboardPage sut, string name, string type, double threshold)
    {
        var page = sut.Page;
        await page.FillAsync("#alert-form input[name='name']", name);
        await page.SelectOptionAsync("#alert-form select[name='type']", type);
        await page.SelectOptionAsync("#alert-form select[name='symbol']", "BTCUSDT");
        await page.SelectOptionAsync("#alert-form select[name='interval']", "1s");
        await page.FillAsync("#alert-form input[name='threshold']", threshold.ToString(CultureInfo.InvariantCulture));
        await page.SelectOptionAsync("#alert-form select[name='priority']", "high");
        await page.FillAsync("#alert-form input[name='cooldown_s']", "0");
        int before = await page.Locator("table[data-table='alert-rules'] tbody tr").CountAsync();
        await page.ClickAsync("#alert-form button[type='submit']");
        // The list reloads after the server accepted the rule; a refusal shows in the form instead.
        await page.WaitForFunctionAsync(
            "([n]) => document.querySelectorAll(\"table[data-table='alert-rules'] tbody tr\").length > n || document.querySelector('#alert-form .form-error').textContent !== ''",
            new object[] { before });
        (await page.Locator("#alert-form .form-error").InnerTextAsync()).ShouldBeEmpty();
    }
}
