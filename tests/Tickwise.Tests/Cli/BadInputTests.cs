using Tickwise.Testing;
using static Tickwise.Tests.Cli.ImportExportTests;

namespace Tickwise.Tests.Cli;

/// <summary>Bad files, bad flags and broken databases: one clear line, a non-zero exit, nothing committed lost.</summary>
public class BadInputTests
{
    private static readonly string BtcSpot = RepositoryPaths.Binance("trades", "BTCUSDT-trades-spot-20240808T235415-20240809T000505.csv");

    [Fact]
    public void Import_MalformedLines_AreSkippedCountedAndReportedWithFileAndLine()
    {
        using var temp = new TempDirectory();
        string file = temp.File("BTCUSDT-trades-bad.csv");
        File.WriteAllLines(file,
        [
            "3735683259,61837.63000000,0.02000000,1236.75260000,1723161255342,True,True",
            "3735683260,not-a-price,0.04800000,2968.20624000,1723161255617,True,True",
            "3735683261,61837.63000000,-0.00009000,5.56538670,1723161255617,True,True",
            "3735683262,61837.63000000",
            "3735683263,61837.63000000,0.1,6183.763,99,True,True",
            "3735683264,61837.64000000,0.50000000,30918.82000000,1723161255700,False,True",
        ]);
        string db = temp.File("t.db");

        var result = Ok(TickwiseProcess.Run(temp.Path, "import", file, "--db", db));

        result.Stderr.ShouldContain("BTCUSDT-trades-bad.csv:2:");
        result.Stderr.ShouldContain("BTCUSDT-trades-bad.csv:3:");
        result.Stderr.ShouldContain("BTCUSDT-trades-bad.csv:4:");
        result.Stderr.ShouldContain("BTCUSDT-trades-bad.csv:5:");
        var trades = Ok(TickwiseProcess.Run(temp.Path, "export", "trades", "--symbol", "BTCUSDT", "--db", db));
        trades.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[0])
            .ShouldBe(["3735683259", "3735683264"]);
    }

    [Fact]
    public void Import_StrictWithMalformedLine_FailsNamingTheLine()
    {
        using var temp = new TempDirectory();
        string file = temp.File("BTCUSDT-trades-bad.csv");
        File.WriteAllLines(file, ["3735683259,61837.63,0.02,1236.7526,1723161255342,True,True", "3735683260,x,0.04,1,1723161255617,True,True"]);

        var result = TickwiseProcess.Run(temp.Path, "import", file, "--db", temp.File("t.db"), "--strict");

        result.ExitCode.ShouldNotBe(0);
        result.Stderr.Trim().Split('\n')[^1].ShouldStartWith("tickwise: error: BTCUSDT-trades-bad.csv:2:");
    }

    [Fact]
    public void Import_StrictStopsMidFile_TheTradesStoredSoFarHaveWholeBars()
    {
        using var temp = new TempDirectory();
        string[] lines = File.ReadAllLines(BtcSpot);
        string good = temp.File("BTCUSDT-trades-good.csv"), bad = temp.File("BTCUSDT-trades-bad.csv");
        File.WriteAllLines(good, lines[..15_000]);
        File.WriteAllLines(bad, [.. lines[..15_000], "3735698259,oops,0.1,1,1723161255342,True,True", .. lines[15_000..]]);
        string db = temp.File("t.db");

        var result = TickwiseProcess.Run(temp.Path, "import", bad, "--db", db, "--strict");

        result.ExitCode.ShouldNotBe(0);
        var export = Ok(TickwiseProcess.Run(temp.Path, "export", "bars", "--symbol", "BTCUSDT", "--interval", "1m", "--db", db));
        ReferenceBars.FromExportCsv(export.Stdout).ShouldBe(ReferenceBars.FromTradesCsv(good, 60_000));
    }

    [Fact]
    public void Import_UnknownLayout_FailsNamingFileAndLayoutsBeforeImportingAnything()
    {
        using var temp = new TempDirectory();
        string file = temp.File("notes.csv");
        File.WriteAllLines(file, ["name,colour", "apple,red"]);
        string db = temp.File("t.db");

        var result = TickwiseProcess.Run(temp.Path, "import", BtcSpot, file, "--db", db);

        result.ExitCode.ShouldNotBe(0);
        result.Stderr.ShouldContain("notes.csv");
        result.Stderr.ShouldContain("aggTrades");
        result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(1);
        File.Exists(db).ShouldBeFalse(); // detection runs before the store is opened
    }

    [Fact]
    public void Import_MissingFile_FailsWithOneLine()
    {
        using var temp = new TempDirectory();
        var result = TickwiseProcess.Run(temp.Path, "import", temp.File("nope.csv"), "--db", temp.File("t.db"));
        result.ExitCode.ShouldNotBe(0);
        result.Stderr.Trim().ShouldBe($"tickwise: error: {temp.File("nope.csv")}: no such file or directory.");
    }

    [Fact]
    public void Import_AggTradesAfterRawTradesOfTheSameSymbol_IsRefused()
    {
        using var temp = new TempDirectory();
        string agg = temp.File("BTCUSDT-aggTrades-2024-08-08.csv");
        File.WriteAllLines(agg, ["1,61837.63,0.02,3735683259,3735683260,1723161255342,true,true"]);
        string db = temp.File("t.db");
        Ok(TickwiseProcess.Run(temp.Path, "import", BtcSpot, "--db", db));

        var result = TickwiseProcess.Run(temp.Path, "import", agg, "--db", db);

        result.ExitCode.ShouldNotBe(0);
        result.Stderr.ShouldContain("twice");
    }

    [Fact]
    public void Import_CorruptDatabase_FailsAndLeavesTheFileAlone()
    {
        using var temp = new TempDirectory();
        string db = temp.File("t.db");
        File.WriteAllText(db, new string('x', 8192));

        var result = TickwiseProcess.Run(temp.Path, "import", BtcSpot, "--db", db);

        result.ExitCode.ShouldNotBe(0);
        result.Stderr.ShouldStartWith("tickwise: error:");
        result.Stderr.ShouldContain("t.db");
        File.ReadAllText(db).ShouldBe(new string('x', 8192));
    }

    [Theory]
    [InlineData("export", "bars", "--symbol", "BTCUSDT", "--interval", "7m")]
    [InlineData("export", "bars", "--symbol", "BTC-USDT", "--interval", "1m")]
    [InlineData("export", "bars", "--symbol", "NOSUCHCOIN", "--interval", "1m")]
    [InlineData("export", "bars", "--symbol", "BTCUSDT", "--from", "2024-08-09", "--to", "2024-08-08")]
    [InlineData("export", "bars", "--symbol", "BTCUSDT", "--from", "yesterday")]
    [InlineData("export", "trades", "--symbol", "BTCUSDT", "--limit", "0")]
    [InlineData("simulate", "--symbols", "BTCUSDT", "--duration", "forever")]
    [InlineData("run", "--source", "nasdaq", "--duration", "1s")]
    public void Command_BadValue_FailsWithOneClearLine(params string[] args)
    {
        using var temp = new TempDirectory();
        string db = temp.File("t.db");
        Ok(TickwiseProcess.Run(temp.Path, "import", BtcSpot, "--db", db));

        var result = TickwiseProcess.Run(temp.Path, [.. args, "--db", db]);

        result.ExitCode.ShouldNotBe(0);
        result.Stderr.ShouldStartWith("tickwise: error:");
        result.Stderr.Trim().Split('\n').Length.ShouldBe(1);
    }

    [Fact]
    public void Export_NoDatabase_SaysSoWithoutCreatingOne()
    {
        using var temp = new TempDirectory();
        var result = TickwiseProcess.Run(temp.Path, "export", "bars", "--symbol", "BTCUSDT", "--db", temp.File("none.db"));
        result.ExitCode.ShouldNotBe(0);
        result.Stderr.ShouldContain("No database");
        File.Exists(temp.File("none.db")).ShouldBeFalse();
    }

    [Fact]
    public void Help_EveryCommand_Works()
    {
        using var temp = new TempDirectory();
        foreach (string[] args in new[] { new[] { "--help" }, ["import", "--help"], ["export", "bars", "--help"], ["export", "trades", "--help"], ["simulate", "--help"], ["run", "--help"] })
        {
            var result = Ok(TickwiseProcess.Run(temp.Path, args));
            result.Stdout.ShouldContain("Usage:");
        }
    }
}
