using Tickwise.Testing;

namespace Tickwise.Tests.Cli;

/// <summary>The acceptance, end to end through the real executable: import real dumps, export bars, compare.</summary>
public class ImportExportTests
{
    private static readonly string BtcSpot = RepositoryPaths.Binance("trades", "BTCUSDT-trades-spot-20240808T235415-20240809T000505.csv");
    private static readonly string EthUsdm = RepositoryPaths.Binance("trades", "ETHUSDT-trades-usdm-20240808T235416-20240809T000000.csv");
    private static readonly string FilKlines = RepositoryPaths.Binance("klines", "1m", "FILUSDT-1m-2023-08.zip");

    [Theory]
    [InlineData("1s", 1_000L)]
    [InlineData("1m", 60_000L)]
    [InlineData("5m", 300_000L)]
    public void ImportTrades_ThenExportBars_EqualsIndependentComputation(string interval, long intervalMs)
    {
        using var temp = new TempDirectory();
        string db = temp.File("t.db");
        Ok(TickwiseProcess.Run(temp.Path, "import", BtcSpot, "--db", db));

        var export = Ok(TickwiseProcess.Run(temp.Path, "export", "bars", "--symbol", "BTCUSDT", "--interval", interval, "--db", db));

        ReferenceBars.FromExportCsv(export.Stdout).ShouldBe(ReferenceBars.FromTradesCsv(BtcSpot, intervalMs));
    }

    [Fact]
    public void ImportFuturesTradesWithHeader_ThenExport1m_EqualsIndependentComputation()
    {
        using var temp = new TempDirectory();
        string db = temp.File("t.db");
        Ok(TickwiseProcess.Run(temp.Path, "import", EthUsdm, "--db", db));

        var export = Ok(TickwiseProcess.Run(temp.Path, "export", "bars", "--symbol", "ETHUSDT", "--interval", "1m", "--db", db));

        ReferenceBars.FromExportCsv(export.Stdout).ShouldBe(ReferenceBars.FromTradesCsv(EthUsdm, 60_000));
    }

    [Fact]
    public void ImportKlines_ThenExport_ReproducesRowsAndResamples()
    {
        using var temp = new TempDirectory();
        string db = temp.File("k.db");
        Ok(TickwiseProcess.Run(temp.Path, "import", FilKlines, "--db", db));
        var fileRows = ReferenceBars.FromKlineCsvLines(ReadZipLines(FilKlines));

        var minute = Ok(TickwiseProcess.Run(temp.Path, "export", "bars", "--symbol", "FILUSDT", "--interval", "1m", "--db", db));
        var hour = Ok(TickwiseProcess.Run(temp.Path, "export", "bars", "--symbol", "FILUSDT", "--interval", "1h", "--db", db));

        ReferenceBars.FromExportCsv(minute.Stdout).ShouldBe(fileRows);
        ReferenceBars.FromExportCsv(hour.Stdout).ShouldBe(ReferenceBars.Resample(fileRows, 3_600_000));
    }

    [Fact]
    public void ImportTwice_LeavesEveryRowCountUnchanged()
    {
        using var temp = new TempDirectory();
        string db = temp.File("t.db");
        Ok(TickwiseProcess.Run(temp.Path, "import", BtcSpot, FilKlines, "--db", db));
        var before = Snapshot(temp, db);

        Ok(TickwiseProcess.Run(temp.Path, "import", BtcSpot, FilKlines, "--db", db));

        Snapshot(temp, db).ShouldBe(before);
    }

    [Fact]
    public void ImportOverlappingHalvesInReverseOrder_GivesTheSameBarsAsTheWholeFile()
    {
        using var temp = new TempDirectory();
        string[] lines = File.ReadAllLines(BtcSpot);
        string late = temp.File("BTCUSDT-trades-late.csv"), early = temp.File("BTCUSDT-trades-early.csv");
        File.WriteAllLines(late, lines[(lines.Length / 3)..]);
        File.WriteAllLines(early, lines[..(2 * lines.Length / 3)]);
        string whole = temp.File("whole.db"), halves = temp.File("halves.db");
        Ok(TickwiseProcess.Run(temp.Path, "import", BtcSpot, "--db", whole));
        Ok(TickwiseProcess.Run(temp.Path, "import", late, "--db", halves));
        Ok(TickwiseProcess.Run(temp.Path, "import", early, "--db", halves));

        foreach (string interval in new[] { "1s", "1m", "1h", "1d" })
        {
            var expected = Ok(TickwiseProcess.Run(temp.Path, "export", "bars", "--symbol", "BTCUSDT", "--interval", interval, "--db", whole));
            var actual = Ok(TickwiseProcess.Run(temp.Path, "export", "bars", "--symbol", "BTCUSDT", "--interval", interval, "--db", halves));
            actual.Stdout.ShouldBe(expected.Stdout, $"interval {interval}");
        }
    }

    [Fact]
    public void ExportTrades_AsCsvAndJson_HasEveryTradeExactly()
    {
        using var temp = new TempDirectory();
        string db = temp.File("t.db");
        Ok(TickwiseProcess.Run(temp.Path, "import", BtcSpot, "--db", db));

        var csv = Ok(TickwiseProcess.Run(temp.Path, "export", "trades", "--symbol", "BTCUSDT", "--db", db));
        var json = Ok(TickwiseProcess.Run(temp.Path, "export", "trades", "--symbol", "BTCUSDT", "--db", db, "--format", "json", "--limit", "3"));

        string[] rows = csv.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        rows[0].ShouldBe("id,time,price,quantity,is_buyer_maker,trade_count");
        rows.Length.ShouldBe(19_904 + 1);
        rows[1].ShouldBe("3735683259,1723161255342,61837.63,0.02,true,1");
        using var doc = System.Text.Json.JsonDocument.Parse(json.Stdout);
        doc.RootElement.GetArrayLength().ShouldBe(3);
        doc.RootElement[0].GetProperty("price").GetRawText().ShouldBe("61837.63");
    }

    /// <summary>Row counts per symbol straight from the store, and the 1m and 1d exports, which must not change.</summary>
    private static string Snapshot(TempDirectory temp, string db)
    {
        var parts = new List<string>();
        using (Tickwise.Storage.ITickStore store = Tickwise.Storage.TickStores.OpenSqlite(db))
        {
            foreach (var symbol in store.ListSymbols()) parts.Add($"{symbol}:{store.Count(symbol)}");
            parts.Add($"all:{store.Count()}");
        }
        foreach (string symbol in new[] { "BTCUSDT", "FILUSDT" })
            foreach (string interval in new[] { "1m", "1d" })
                parts.Add(Ok(TickwiseProcess.Run(temp.Path, "export", "bars", "--symbol", symbol, "--interval", interval, "--db", db)).Stdout);
        return string.Join("\n", parts);
    }

    internal static TickwiseProcess.Result Ok(TickwiseProcess.Result result)
    {
        result.ExitCode.ShouldBe(0, $"stderr: {result.Stderr}");
        return result;
    }

    private static IEnumerable<string> ReadZipLines(string zip)
    {
        using var archive = System.IO.Compression.ZipFile.OpenRead(zip);
        using var reader = new StreamReader(archive.Entries[0].Open());
        var lines = new List<string>();
        while (reader.ReadLine() is { } line) lines.Add(line);
        return lines;
    }
}
