using System.Diagnostics;
using System.Text.Json;
using Tickwise.Tests.Cli;
using Tickwise.Tests.Live;

namespace Tickwise.Tests.Web.Live;

public partial class PublishedBooksTests
{
    [Fact]
    public async Task Book_RunFromBinanceDepthStreams_ServesTheExchangesBookThroughTheApi()
    {
        using var temp = new TempDirectory();
        await using var exchange = await FakeBinanceServer.StartAsync();
        using var sut = ServingProcess.Start(temp.Path, "run", "--source", "binance", "--symbols", "BTCUSDT", "--streams", "aggTrade,depth",
            "--ws-url", exchange.WsUrl, "--rest-url", exchange.BaseUrl, "--db", temp.File("live.db"), "--reconnect-delay", "50ms", "--urls", "http://127.0.0.1:0");
        Uri address = await sut.AddressAsync(TimeSpan.FromSeconds(60));
        await exchange.WaitForConnectionsAsync(1, TimeSpan.FromSeconds(60));
        using var http = new HttpClient { BaseAddress = address };

        // Diffs first (the client fetches the REST snapshot then), then more diffs applied on top of it.
        var random = new Random(5);
        exchange.PublishDepth("BTCUSDT", 20, random);
        JsonElement book = await WaitForBookAsync(http, exchange, random);

        var top = exchange.BookTop("BTCUSDT");
        book.GetProperty("symbol").GetString().ShouldBe("BTCUSDT");
        book.GetProperty("synchronized").GetBoolean().ShouldBeTrue();
        book.GetProperty("last_update_id").GetInt64().ShouldBe(top.UpdateId);
        JsonElement bestBid = book.GetProperty("bids")[0], bestAsk = book.GetProperty("asks")[0];
        decimal.Parse(bestBid[0].GetRawText(), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(decimal.Parse(top.BestBid, System.Globalization.CultureInfo.InvariantCulture));
        decimal.Parse(bestBid[1].GetRawText(), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(decimal.Parse(top.BestBidQuantity, System.Globalization.CultureInfo.InvariantCulture));
        decimal.Parse(bestAsk[0].GetRawText(), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(decimal.Parse(top.BestAsk, System.Globalization.CultureInfo.InvariantCulture));
        book.GetProperty("bids").GetArrayLength().ShouldBeLessThanOrEqualTo(5);
        (await http.GetAsync("/api/book?symbol=ETHUSDT")).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound); // not streamed
        var (exitCode, stderr) = await sut.TerminateAsync(TimeSpan.FromSeconds(15));
        exitCode.ShouldBe(0, stderr);
    }

    /// <summary>Publishes diffs until /api/book shows a synchronized book at the exchange's last update id, and returns it.</summary>
    private static async Task<JsonElement> WaitForBookAsync(HttpClient http, FakeBinanceServer exchange, Random random)
    {
        var clock = Stopwatch.StartNew();
        string last = "";
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            using HttpResponseMessage response = await http.GetAsync("/api/book?symbol=BTCUSDT&depth=5");
            last = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode)
            {
                JsonElement book = JsonDocument.Parse(last).RootElement.Clone();
                if (book.GetProperty("synchronized").GetBoolean() && book.GetProperty("last_update_id").GetInt64() == exchange.BookTop("BTCUSDT").UpdateId)
                    return book;
                if (book.GetProperty("synchronized").GetBoolean()) await Task.Delay(50); // the last diffs are on their way
                else exchange.PublishDepth("BTCUSDT", 1, random); // a diff makes the client fetch the snapshot
            }
            else
            {
                response.StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound, last); // before the first depth message
                exchange.PublishDepth("BTCUSDT", 1, random);
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"/api/book never caught up with the exchange: {last}");
    }
}
