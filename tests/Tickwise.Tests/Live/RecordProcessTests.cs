using System.IO.Compression;
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
