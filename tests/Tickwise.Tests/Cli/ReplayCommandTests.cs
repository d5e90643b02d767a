using System.Diagnostics;
using System.IO.Compression;
using Tickwise.Testing;
using static Tickwise.Tests.Cli.ImportExportTests;

namespace Tickwise.Tests.Cli;

/// <summary><c>tickwise replay</c> end to end through the real executable, on the real recorded spot frames.</summary>
public class ReplayCommandTests
{
    private static readonly string Btc08 = RepositoryPaths.Binance("ws", "spot", "btcusdt_20240808.gz");
    private static readonly string Btc09 = RepositoryPaths.Binance("ws", "spot", "btcusdt_20240809.gz");
    private static readonly string Eth08 = RepositoryPaths.Binance("ws", "spot", "ethusdt_20240808.gz");
    private static readonly string Eth09 = RepositoryPaths.Binance("ws", "spot", "ethusdt_20240809.gz");
    private static readonly string BtcTrades = RepositoryPaths.Binance("trades", "BTCUSDT-trades-spot-20240808T235415-20240809T000505.csv");
    private static readonly string EthTrades = RepositoryPaths.Binance("trades", "ETHUSDT-trades-spot-20240808T235415-20240809T000505.csv");

    private static string Bars(TempDirectory temp, string db, string symbol, string interval) =>
        Ok(TickwiseProcess.Run(temp.Path, "export", "bars", "--symbol", symbol, "--interval", interval, "--db", db)).Stdout;

    private static string Trades(TempDirectory temp, string db, string symbol) =>
        Ok(TickwiseProcess.Run(temp.Path, "export", "trades", "--symbol", symbol, "--db", db)).Stdout;

    private static string SummaryOf(TickwiseProcess.Result result, string symbol) =>
        result.Stdout.Split('\n').Single(line => line.StartsWith(symbol + ":", StringComparison.Ordinal));

    [Fact]
    public void Replay_TwoSpotFilesAtMaxSpeed_EndsSynchronizedWithBarsIdenticalToImportingTheTrades()
    {
        using var temp = new TempDirectory();
        string replayed = temp.File("replay.db"), imported = temp.File("import.db");

        var replay = Ok(TickwiseProcess.Run(temp.Path, "replay", Btc08, Btc09, "--speed", "max", "--db", replayed));
        Ok(TickwiseProcess.Run(temp.Path, "import", BtcTrades, "--db", imported));

        string summary = SummaryOf(replay, "BTCUSDT");
        summary.ShouldStartWith("BTCUSDT: 19,904 trades");
        summary.ShouldContain("book synchronized at update ");
        summary.ShouldContain(", 0 gaps, 0 snapshots rejected");
        replay.Stderr.ShouldContain("0 bad lines");
        foreach (string interval in new[] { "1s", "1m", "5m", "1h" })
            Bars(temp, replayed, "BTCUSDT", interval).ShouldBe(Bars(temp, imported, "BTCUSDT", interval), $"interval {interval}");
        ReferenceBars.FromExportCsv(Bars(temp, replayed, "BTCUSDT", "1m")).ShouldBe(ReferenceBars.FromTradesCsv(BtcTrades, 60_000));
        Trades(temp, replayed, "BTCUSDT").ShouldBe(Trades(temp, imported, "BTCUSDT"));
    }

    [Fact]
    public void Replay_TwoSymbolsFourFilesInAnyOrder_GivesTheSameStoreAndBooks()
    {
        using var temp = new TempDirectory();
        string forward = temp.File("forward.db"), backward = temp.File("backward.db"), imported = temp.File("import.db");

        var first = Ok(TickwiseProcess.Run(temp.Path, "replay", Btc08, Btc09, Eth08, Eth09, "--db", forward));
        var second = Ok(TickwiseProcess.Run(temp.Path, "replay", Eth09, Btc09, Eth08, Btc08, "--db", backward));
        Ok(TickwiseProcess.Run(temp.Path, "import", EthTrades, "--db", imported));

        second.Stdout.ShouldBe(first.Stdout);
        SummaryOf(first, "ETHUSDT").ShouldStartWith("ETHUSDT: 14,515 trades");
        SummaryOf(first, "ETHUSDT").ShouldContain("book synchronized");
        SummaryOf(first, "BTCUSDT").ShouldContain("book synchronized");
        foreach (string symbol in new[] { "BTCUSDT", "ETHUSDT" })
        {
            Trades(temp, backward, symbol).ShouldBe(Trades(temp, forward, symbol));
            Bars(temp, backward, symbol, "1s").ShouldBe(Bars(temp, forward, symbol, "1s"));
        }
        Bars(temp, forward, "ETHUSDT", "1m").ShouldBe(Bars(temp, imported, "ETHUSDT", "1m"));
    }

    [Fact]
    public void Replay_SameFilesTwiceIntoOneDatabase_AddsNothingTheSecondTime()
    {
        using var temp = new TempDirectory();
        string db = temp.File("r.db");
        Ok(TickwiseProcess.Run(temp.Path, "replay", Btc08, "--db", db));
        string bars = Bars(temp, db, "BTCUSDT", "1s");

        var again = Ok(TickwiseProcess.Run(temp.Path, "replay", Btc08, "--db", db));

        again.Stderr.ShouldContain("(0 new)");
        Bars(temp, db, "BTCUSDT", "1s").ShouldBe(bars);
    }

    [Fact]
    public void Replay_PlainCopyOfAGzipFile_GivesTheSameResult()
    {
        using var temp = new TempDirectory();
        string plain = temp.File("btcusdt_20240808.txt");
        using (var gzip = new GZipStream(File.OpenRead(Btc08), CompressionMode.Decompress))
        using (var output = File.Create(plain))
            gzip.CopyTo(output);

        var fromGzip = Ok(TickwiseProcess.Run(temp.Path, "replay", Btc08, "--db", temp.File("a.db")));
        var fromPlain = Ok(TickwiseProcess.Run(temp.Path, "replay", plain, "--db", temp.File("b.db")));

        fromPlain.Stdout.ShouldBe(fromGzip.Stdout);
    }

    [Fact]
    public void Replay_SecondFileAlone_ReportsABookWithoutSnapshot()
    {
        using var temp = new TempDirectory();

        var replay = Ok(TickwiseProcess.Run(temp.Path, "replay", Btc09, "--db", temp.File("r.db")));

        SummaryOf(replay, "BTCUSDT").ShouldContain("book NOT synchronized: no snapshot");
    }

    [Fact]
    public void Replay_LostDepthDiff_WarnsWithFileAndLineAndEndsUnsynchronized()
    {
        using var temp = new TempDirectory();
        List<string> lines = ReadGzipLines(Btc08);
        int snapshot = lines.FindIndex(l => l.Contains("\"lastUpdateId\"", StringComparison.Ordinal));
        int lost = lines.FindIndex(snapshot + 200, l => l.Contains("depthUpdate", StringComparison.Ordinal));
        lines.RemoveAt(lost);
        int detected = lines.FindIndex(lost, l => l.Contains("depthUpdate", StringComparison.Ordinal)); // the diff after the lost one
        string path = temp.File("btcusdt_gap.txt");
        File.WriteAllLines(path, lines);

        var replay = Ok(TickwiseProcess.Run(temp.Path, "replay", path, "--db", temp.File("r.db")));

        replay.Stderr.ShouldContain($"BTCUSDT order book out of sync at btcusdt_gap.txt:{detected + 1}:");
        string summary = SummaryOf(replay, "BTCUSDT");
        summary.ShouldContain("book NOT synchronized");
        summary.ShouldContain("were lost");
        summary.ShouldContain(", 1 gaps,");
    }

    [Fact]
    public void Replay_BadLines_AreReportedByFileAndLineAndSkipped()
    {
        using var temp = new TempDirectory();
        List<string> good = ReadGzipLines(Btc08).Take(40).ToList();
        string path = temp.File("btcusdt_bad.txt");
        File.WriteAllLines(path, [
            good[0], "not a frame", "12345 {\"e\":\"trade\"}", "1723161254087896568 {\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"s\":\"BTCUSDT\"}}",
            "1723161254087896568 {truncated", "x1723161254087896568 {}", "99999999999999999999999 {}", "1723161254087896568 ", new string('9', 5000),
            .. good[1..]]);

        var replay = Ok(TickwiseProcess.Run(temp.Path, "replay", path, "--db", temp.File("r.db")));

        foreach (int line in new[] { 2, 3, 4, 5, 6, 7, 8, 9 }) replay.Stderr.ShouldContain($"btcusdt_bad.txt:{line}:");
        replay.Stderr.ShouldContain("8 bad lines");
        int trades = good.Count(l => l.Contains("@trade", StringComparison.Ordinal));
        SummaryOf(replay, "BTCUSDT").ShouldStartWith($"BTCUSDT: {trades} trades");
        SummaryOf(replay, "BTCUSDT").ShouldContain("book synchronized");
    }

    [Fact]
    public void Replay_SpeedOne_TakesTheRecordedTime()
    {
        using var temp = new TempDirectory();
        string path = temp.File("btcusdt_slow.txt");
        File.WriteAllLines(path, [
            "1723161254000000000 {\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1723161255343,\"s\":\"BTCUSDT\",\"t\":1,\"p\":\"61837.63\",\"q\":\"0.02\",\"T\":1723161255342,\"m\":true}}",
            "1723161255500000000 {\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1723161256843,\"s\":\"BTCUSDT\",\"t\":2,\"p\":\"61837.64\",\"q\":\"0.01\",\"T\":1723161256842,\"m\":false}}"]);

        var clock = Stopwatch.StartNew();
        var replay = Ok(TickwiseProcess.Run(temp.Path, "replay", path, "--speed", "1", "--db", temp.File("r.db")));

        clock.Elapsed.ShouldBeGreaterThan(TimeSpan.FromSeconds(1.5));
        SummaryOf(replay, "BTCUSDT").ShouldStartWith("BTCUSDT: 2 trades");
    }

    [Theory]
    [InlineData("--speed", "0")]
    [InlineData("--speed", "fast")]
    [InlineData("--intervals", "7x")]
    public void Replay_BadOption_FailsWithOneLine(string option, string value)
    {
        using var temp = new TempDirectory();

        var replay = TickwiseProcess.Run(temp.Path, "replay", Btc08, option, value, "--db", temp.File("r.db"));

        replay.ExitCode.ShouldBe(1);
        replay.Stderr.Trim().Split('\n').Length.ShouldBe(1);
        replay.Stderr.ShouldStartWith("tickwise: error:");
    }

    [Fact]
    public void Replay_MissingFile_FailsWithOneLine()
    {
        using var temp = new TempDirectory();

        var replay = TickwiseProcess.Run(temp.Path, "replay", temp.File("nope.gz"), "--db", temp.File("r.db"));

        replay.ExitCode.ShouldBe(1);
        replay.Stderr.ShouldContain("nope.gz: no such file");
    }

    [Fact]
    public void Replay_CorruptGzipBesideAGoodFile_ReportsItAndPlaysTheOther()
    {
        using var temp = new TempDirectory();
        byte[] bytes = File.ReadAllBytes(Btc08);
        string path = temp.File("btcusdt_corrupt.gz");
        File.WriteAllBytes(path, [.. bytes[..5000], .. Enumerable.Repeat((byte)0xFF, 100_000)]);

        var replay = Ok(TickwiseProcess.Run(temp.Path, "replay", path, Eth08, "--db", temp.File("r.db")));

        replay.Stderr.ShouldContain("btcusdt_corrupt.gz:");
        replay.Stderr.ShouldContain("the gzip data is corrupt");
        SummaryOf(replay, "ETHUSDT").ShouldContain("book synchronized");
    }

    [Fact]
    public void Replay_TruncatedGzip_PlaysWhatIsThereAndReportsTheCutLine()
    {
        using var temp = new TempDirectory();
        byte[] bytes = File.ReadAllBytes(Btc08);
        string path = temp.File("btcusdt_truncated.gz");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var replay = Ok(TickwiseProcess.Run(temp.Path, "replay", path, "--db", temp.File("r.db")));

        replay.Stderr.ShouldContain("1 bad lines");
        SummaryOf(replay, "BTCUSDT").ShouldContain("book synchronized");
    }

    internal static List<string> ReadGzipLines(string path)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        var lines = new List<string>();
        while (reader.ReadLine() is { } line) lines.Add(line);
        return lines;
    }
}
