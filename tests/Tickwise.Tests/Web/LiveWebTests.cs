using System.Globalization;
using System.Text.Json;
using Tickwise.Core.Market;
using Tickwise.Testing;
using Tickwise.Tests.Cli;
using Tickwise.Tests.Web.Live;

namespace Tickwise.Tests.Web;

/// <summary>The web host started by the real commands: run (simulator), replay (real Binance frames) and serve.</summary>
public class LiveWebTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string path)
    {
        using HttpResponseMessage response = await http.GetAsync(path);
        string body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(200, $"{path}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task Run_SimulatorOnAFreePort_ServesLiveQuotesTradesAndBars()
    {
        using var temp = new TempDirectory();
        using var sut = ServingProcess.Start(temp.Path, "run", "--source", "simulator", "--symbols", "BTCUSDT,ETHUSDT", "--speed", "10", "--intervals", "1s,1m",
            "--urls", "http://127.0.0.1:0", "--db", temp.File("run.db"), "--duration", "2m");
        Uri address = await sut.AddressAsync(Patience);
        using var http = new HttpClient { BaseAddress = address };
        await using FeedSocket feed = await FeedSocket.ConnectAsync(address);
        await feed.SubscribeAsync("trades:BTCUSDT", "bars:BTCUSDT:1s", "quotes:ETHUSDT");

        var types = new HashSet<string>();
        while (!types.IsSupersetOf(["subscribed", "trade", "bar_update", "bar_closed", "quote"]))
        {
            JsonElement message = await feed.ReceiveAsync(Patience);
            types.Add(message.GetProperty("type").GetString()!);
        }

        JsonElement health = await GetJsonAsync(http, "/api/health");
        health.GetProperty("source").GetString().ShouldBe("simulator");
        health.GetProperty("symbols").GetArrayLength().ShouldBe(2);
        health.GetProperty("pipeline").GetProperty("trades").GetInt64().ShouldBeGreaterThan(0);
        JsonElement quotes = await GetJsonAsync(http, "/api/quotes/latest");
        quotes.EnumerateArray().Select(q => q.GetProperty("symbol").GetString()).Order().ShouldBe(["BTCUSDT", "ETHUSDT"]);
        quotes[0].GetProperty("bid").ValueKind.ShouldBe(JsonValueKind.Number);
        while ((await GetJsonAsync(http, "/api/bars?symbol=BTCUSDT&interval=1s")).GetArrayLength() == 0) await Task.Delay(200); // stored beside the reads
        var (exitCode, stderr) = await sut.TerminateAsync(Patience);
        exitCode.ShouldBe(0, stderr);
        stderr.ShouldContain("stopped");
    }

    [Fact]
    public async Task Replay_RealFramesWithServe_ServesTheSynchronizedBookAndTheRecordedTrades()
    {
        using var temp = new TempDirectory();
        using var sut = ServingProcess.Start(temp.Path, "replay", RepositoryPaths.Binance("ws", "spot", "btcusdt_20240808.gz"), RepositoryPaths.Binance("ws", "spot", "btcusdt_20240809.gz"),
            "--urls", "http://127.0.0.1:0", "--serve", "--db", temp.File("replay.db"), "--intervals", "1m");
        Uri address = await sut.AddressAsync(Patience);
        await sut.WaitForAsync("still serving", Patience);
        using var http = new HttpClient { BaseAddress = address };

        JsonElement book = await GetJsonAsync(http, "/api/book?symbol=BTCUSDT&depth=5");
        book.GetProperty("synchronized").GetBoolean().ShouldBeTrue();
        book.GetProperty("last_update_id").GetInt64().ShouldBeGreaterThan(0);
        decimal[] bids = [.. book.GetProperty("bids").EnumerateArray().Select(l => l[0].GetDecimal())];
        decimal[] asks = [.. book.GetProperty("asks").EnumerateArray().Select(l => l[0].GetDecimal())];
        bids.Length.ShouldBe(5);
        bids.ShouldBe(bids.OrderDescending().ToArray());
        asks.ShouldBe(asks.Order().ToArray());
        bids[0].ShouldBeLessThan(asks[0]);
        book.GetProperty("mid").GetDouble().ShouldBe((double)(bids[0] + asks[0]) / 2, 1e-6);

        string[] recorded = File.ReadAllLines(RepositoryPaths.Binance("trades", "BTCUSDT-trades-spot-20240808T235415-20240809T000505.csv"));
        JsonElement trades = await GetJsonAsync(http, "/api/trades?symbol=BTCUSDT&limit=5");
        trades.GetArrayLength().ShouldBe(5);
        for (int i = 0; i < 5; i++)
        {
            string[] fields = recorded[recorded.Length - 5 + i].Split(',');
            trades[i].GetProperty("id").GetInt64().ShouldBe(long.Parse(fields[0], CultureInfo.InvariantCulture));
            trades[i].GetProperty("price").GetRawText().ShouldBe(Price.Parse(fields[1]).ToString());
            trades[i].GetProperty("quantity").GetRawText().ShouldBe(Quantity.Parse(fields[2]).ToString());
            trades[i].GetProperty("time").GetInt64().ShouldBe(long.Parse(fields[4], CultureInfo.InvariantCulture));
            trades[i].GetProperty("side").GetString().ShouldBe(fields[5] == "True" ? "sell" : "buy");
        }
        (await GetJsonAsync(http, "/api/symbols"))[0].GetProperty("trades").GetInt64().ShouldBe(recorded.Length);

        var (exitCode, stderr) = await sut.TerminateAsync(Patience);
        exitCode.ShouldBe(0, stderr);
    }

    [Fact]
    public async Task Serve_StoredData_ServesItReadOnly()
    {
        using var temp = new TempDirectory();
        string db = temp.File("s.db");
        TickwiseProcess.Run(temp.Path, "simulate", "--symbols", "SOLUSDT", "--duration", "5m", "--start", "2024-08-08T00:00:00Z", "--db", db).ExitCode.ShouldBe(0);
        using var sut = ServingProcess.Start(temp.Path, "serve", "--db", db, "--urls", "http://127.0.0.1:0");
        using var http = new HttpClient { BaseAddress = await sut.AddressAsync(Patience) };

        JsonElement bars = await GetJsonAsync(http, "/api/bars?symbol=SOLUSDT&interval=1m");
        JsonElement health = await GetJsonAsync(http, "/api/health");

        bars.GetArrayLength().ShouldBe(5);
        health.GetProperty("source").GetString().ShouldBe("serve");
        var (exitCode, stderr) = await sut.TerminateAsync(Patience);
        exitCode.ShouldBe(0, stderr);
    }

    [Fact]
    public void Serve_NoDatabase_FailsWithOneLine()
    {
        using var temp = new TempDirectory();

        var result = TickwiseProcess.Run(temp.Path, "serve", "--db", temp.File("missing.db"), "--urls", "http://127.0.0.1:0");

        result.ExitCode.ShouldBe(1);
        result.Stderr.ShouldStartWith("tickwise: error: No database at");
        File.Exists(temp.File("missing.db")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("http://127.0.0.1:99999")]
    [InlineData("not a url")]
    [InlineData("ftp://127.0.0.1:21")]
    public void Serve_BadUrls_FailsWithOneLine(string urls)
    {
        using var temp = new TempDirectory();
        string db = temp.File("s.db");
        TickwiseProcess.Run(temp.Path, "simulate", "--symbols", "SOLUSDT", "--duration", "1m", "--db", db).ExitCode.ShouldBe(0);

        var result = TickwiseProcess.Run(temp.Path, TimeSpan.FromSeconds(60), null, "serve", "--db", db, "--urls", urls);

        result.ExitCode.ShouldBe(1, result.Stderr);
        result.Stderr.ShouldStartWith("tickwise: error: --urls");
        result.Stderr.Trim().Split('\n').Length.ShouldBe(1, result.Stderr);
    }

    [Fact]
    public void Replay_ServeWithoutUrls_FailsWithOneLine()
    {
        using var temp = new TempDirectory();

        var result = TickwiseProcess.Run(temp.Path, "replay", RepositoryPaths.Binance("ws", "spot", "btcusdt_20240809.gz"), "--serve", "--db", temp.File("r.db"));

        result.ExitCode.ShouldBe(1);
        result.Stderr.ShouldContain("--serve needs --urls");
    }
}
