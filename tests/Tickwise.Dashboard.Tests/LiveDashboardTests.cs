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

        // A rule a little above and one a little below the last traded price, read from the pipeline just before each submit.
        await CreateRuleAsync(sut, server, "Dash above", "price_above", last => Math.Ceiling(last) + 2);
        await CreateRuleAsync(sut, server, "Dash below", "price_below", last => Math.Floor(last) - 2);
        (await sut.Page.Locator("table[data-table='alert-rules'] tbody tr").CountAsync()).ShouldBe(2);

        // Those two alone make a test that fails now and then: the market can sweep past a level (BTCUSDT moves $10 in
        // 100 ms here at times) between the price being read and the rule reaching the engine, and a rule whose first
        // price is beyond its level waits for the price to come back (the engine's crossing rule), which in a trend takes
        // minutes. A ladder of rule pairs, above and below each of nine levels $10 apart, has an armed rule on the next
        // level whichever way the price goes: simulated from every start in the recording with up to 2 s between reading
        // the price and the rules taking effect, one fires within 28 s of data time.
        // Posted through the API: the form was tried above, and eighteen rules typed in would take longer than the market
        // needs to move. The page shows a toast for every fired alert, whoever made the rule.
        await CreateLadderAsync(server, levels: 9, stepDollars: 10);

        var fired = sut.Page.Locator(".toast.high", new() { HasText = "Dash " });
        try
        {
            await fired.First.WaitForAsync(new() { Timeout = 120_000 });
        }
        catch (TimeoutException)
        {
            JsonElement events = await server.GetJsonAsync("/api/alerts/events?limit=5");
            JsonElement health = await server.GetJsonAsync("/api/health");
            throw new ShouldAssertException(
                $"no alert toast in 120 s; the server stored {events.GetArrayLength()} alert events: {events}\nhealth: {health}\n" +
                $"page errors: {string.Join("; ", sut.Errors)}\nserver output:\n{server.Output}");
        }
        await sut.ScreenshotAsync("alert-toast");

        string text = await fired.First.InnerTextAsync();
        output.WriteLine($"toast: {text.ReplaceLineEndings(" ")}");
        text.ShouldMatch("HIGH · Dash (above|below|ladder)");
        (await sut.Page.Locator("table[data-table='alert-events'] tbody tr").CountAsync()).ShouldBeGreaterThan(0, "the fired alert is in the live feed table");
        sut.Errors.ShouldBeEmpty();
    }

    /// <summary>Fills the form and submits it, with the threshold from the last traded price read last, so that the
    /// market moves as little as possible before the rule reaches the engine.</summary>
    private static async Task CreateRuleAsync(DashboardPage sut, DashboardServer server, string name, string type, Func<double, double> thresholdOf)
    {
        await sut.FillAlertFormAsync(name, type);
        await sut.SubmitAlertFormAsync(thresholdOf(await LastPriceAsync(server)));
    }

    /// <summary>Posts a <c>price_above</c> and a <c>price_below</c> rule at each of <paramref name="levels"/> levels
    /// <paramref name="stepDollars"/> apart, centred on the last traded price, half a cent off the price grid so that no
    /// trade sits exactly on a level (on it, both rules of the pair would take the price as beyond their level).</summary>
    private static async Task CreateLadderAsync(DashboardServer server, int levels, int stepDollars)
    {
        double centre = Math.Floor(await LastPriceAsync(server)) + 0.005;
        for (int i = 0; i < levels; i++)
        {
            double level = centre + (i - levels / 2) * stepDollars;
            foreach (string type in new[] { "price_above", "price_below" })
            {
                string body = JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["name"] = $"Dash ladder {type[6..]} {level.ToString("F3", CultureInfo.InvariantCulture)}",
                    ["type"] = type, ["symbol"] = "BTCUSDT", ["interval"] = "1s", ["threshold"] = level,
                    ["priority"] = "high", ["cooldown_s"] = 0,
                });
                using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
                using HttpResponseMessage response = await server.Http.PostAsync("/api/alerts", content);
                response.IsSuccessStatusCode.ShouldBeTrue($"POST /api/alerts {body}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
    }

    /// <summary>BTCUSDT's last trade price as the replay's pipeline has it now (the stored bars lag it by seconds).</summary>
    private static async Task<double> LastPriceAsync(DashboardServer server)
    {
        foreach (JsonElement row in (await server.GetJsonAsync("/api/quotes/latest")).EnumerateArray())
        {
            if (row.GetProperty("symbol").GetString() != "BTCUSDT") continue;
            JsonElement price = row.GetProperty("last_price");
            return price.ValueKind == JsonValueKind.String ? double.Parse(price.GetString()!, CultureInfo.InvariantCulture) : price.GetDouble();
        }
        throw new ShouldAssertException("/api/quotes/latest has no BTCUSDT row");
    }
}
