using System.IO.Compression;
using Tickwise.Binance.Client;
using Tickwise.Core.Market;
using Tickwise.Storage;
using Tickwise.Tests.Cli;
using static Tickwise.Tests.Cli.ImportExportTests;

namespace Tickwise.Tests.Live;

/// <summary><c>tickwise record</c> against the fake Binance server, and the recording replayed.</summary>
public class RecordProcessTests
{
    [Fact]
    public async Task Record_ThenReplay_StoresExactlyThePublishedTrades()
    {
        using var temp = new TempDirectory();
        string recording = temp.File("capture.gz");
        await using var server = await FakeBinanceServer.StartAsync(new FakeBinanceScenario());
        Task<TickwiseProcess.Result> recorder = Task.Run(() => TickwiseProcess.Run(temp.Path, TimeSpan.FromMinutes(1), null,
            "record", "--symbols", "BTCUSDT,ETHUSDT", "--streams", "aggTrade", "--ws-url", server.WsUrl, "--rest-url", server.BaseUrl, "--out", recording, "--duration", "4s"));
        await server.WaitForConnectionsAsync(1, TimeSpan.FromSeconds(30));

        await Task.WhenAll(
            server.PublishSlowlyAsync("BTCUSDT", 600, 50, TimeSpan.FromMilliseconds(10)),
            server.PublishSlowlyAsync("ETHUSDT", 400, 40, TimeSpan.FromMilliseconds(10)));
        var recorded = Ok(await recorder);

        recorded.Stderr.ShouldContain("recorded 1,000 frames");
        string[] lines = ReadGzipLines(recording);
        lines.Length.ShouldBe(1_000);
        lines[0].ShouldMatch("""^\d{19} \{"stream":"(btcusdt|ethusdt)@aggTrade","data":\{.*\}\}$""");
        string db = temp.File("replayed.db");
        Ok(TickwiseProcess.Run(temp.Path, "replay", recording, "--db", db));
        using ITickStore store = TickStores.OpenSqlite(db);
        LivePipeline.ShouldHoldExactly(store, server, "BTCUSDT");
        LivePipeline.ShouldHoldExactly(store, server, "ETHUSDT");
    }

    [Theory]
    [InlineData("aggTrade", "aggTradeRepair")]
    [InlineData("trade", "tradeRepair")]
    public async Task Record_ServerClosesEveryFewHundredFrames_ReplaysToTheLiveStoreAndTheServersBook(string tradeStream, string repairStream)
    {
        using var temp = new TempDirectory();
        string recording = temp.File("capture.gz");
        await using var server = await FakeBinanceServer.StartAsync(new FakeBinanceScenario { CloseEvery = 150 });
        StreamKind tradeKind = tradeStream == "trade" ? StreamKind.Trade : StreamKind.AggTrade;
        await using var live = LivePipeline.Start(server, temp.File("live.db"), o => LivePipeline.WithKinds(o, tradeKind, StreamKind.Depth), "BTCUSDT", "ETHUSDT");
        Task<TickwiseProcess.Result> recorder = Task.Run(() => TickwiseProcess.Run(temp.Path, TimeSpan.FromMinutes(1), null,
            "record", "--symbols", "BTCUSDT,ETHUSDT", "--streams", $"{tradeStream},depth", "--ws-url", server.WsUrl, "--rest-url", server.BaseUrl,
            "--out", recording, "--duration", "8s", "--reconnect-delay", "50ms"));
        await server.WaitForConnectionsAsync(2, TimeSpan.FromSeconds(30));

        var random = new Random(20240808);
        for (int round = 0; round < 40; round++)
        {
            server.Publish("BTCUSDT", 40);
            server.Publish("ETHUSDT", 25);
            server.PublishDepth("BTCUSDT", 5, random);
            server.PublishDepth("ETHUSDT", 5, random);
            await Task.Delay(25);
        }
        // Then connections stay up: what follows reaches both clients, so their books end at the server's.
        server.Calm();
        for (int round = 0; round < 10; round++)
        {
            server.Publish("BTCUSDT", 1);
            server.Publish("ETHUSDT", 1);
            server.PublishDepth("BTCUSDT", 1, random);
            server.PublishDepth("ETHUSDT", 1, random);
            await Task.Delay(150);
        }
        await live.WaitForAsync(server, TimeSpan.FromSeconds(60), "BTCUSDT", "ETHUSDT");
        var recorded = Ok(await recorder);
        ITickStore liveStore = await live.StopAsync();

        server.Connections.ShouldBeGreaterThan(10); // both clients were cut many times
        string[] lines = ReadGzipLines(recording);
        lines.ShouldContain(l => l.Contains("\"stream\":\"btcusdt@depthSnapshot\",\"data\":{"));
        lines.ShouldContain(l => l.Contains($"@{repairStream}\",\"data\":["));
        recorded.Stderr.ShouldContain($"recorded {lines.Length:N0} frames");
        string db = temp.File("replayed.db");
        var replayed = Ok(TickwiseProcess.Run(temp.Path, "replay", recording, "--db", db));
        using ITickStore store = TickStores.OpenSqlite(db);
        foreach (string symbol in new[] { "BTCUSDT", "ETHUSDT" })
        {
            LivePipeline.ShouldHoldExactly(store, server, symbol);
            store.ReadTrades(new Symbol(symbol), TimeRange.All).ShouldBe(liveStore.ReadTrades(new Symbol(symbol), TimeRange.All));
            store.ReadBars(new Symbol(symbol), Interval.OneMinute, TimeRange.All).ShouldBe(liveStore.ReadBars(new Symbol(symbol), Interval.OneMinute, TimeRange.All));
            var top = server.BookTop(symbol);
            replayed.Stdout.ShouldContain($"book synchronized at update {top.UpdateId}, ");
        }
    }

    [Fact]
    public void Record_NoOutput_FailsWithOneLine()
    {
        using var temp = new TempDirectory();
        var result = TickwiseProcess.Run(temp.Path, "record", "--symbols", "BTCUSDT");
        result.ExitCode.ShouldNotBe(0);
        result.Stderr.ShouldContain("--out");
    }

    private static string[] ReadGzipLines(string path)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
