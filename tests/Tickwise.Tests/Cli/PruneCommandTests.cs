using Tickwise.Core.Market;
using Tickwise.Storage;
using Tickwise.Testing;
using static Tickwise.Tests.Cli.ImportExportTests;

namespace Tickwise.Tests.Cli;

/// <summary><c>tickwise prune</c> on the BTCUSDT spot dump, which spans midnight of 2024-08-09 (9,738 trades before it).</summary>
public class PruneCommandTests
{
    private static readonly string BtcSpot = RepositoryPaths.Binance("trades", "BTCUSDT-trades-spot-20240808T235415-20240809T000505.csv");
    private static readonly Symbol Btc = new("BTCUSDT");
    private const long Midnight = 1_723_161_600_000; // 2024-08-09T00:00:00Z

    [Fact]
    public void Prune_WithoutYes_CountsAndDeletesNothing()
    {
        using var temp = new TempDirectory();
        string db = temp.File("t.db");
        Ok(TickwiseProcess.Run(temp.Path, "import", BtcSpot, "--db", db));

        var result = Ok(TickwiseProcess.Run(temp.Path, "prune", "--before", "2024-08-09T13:00:00Z", "--db", db));

        result.Stderr.ShouldContain("BTCUSDT: would delete 9,738 trades before 2024-08-09T00:00:00.000Z");
        result.Stderr.ShouldContain("add --yes");
        using ITickStore store = TickStores.Open(db);
        store.Count(Btc).Trades.ShouldBe(19_904);
    }

    [Fact]
    public void Prune_Yes_DeletesTheOldDaysTradesAndKeepsBarsAndTheRest()
    {
        using var temp = new TempDirectory();
        string db = temp.File("t.db");
        Ok(TickwiseProcess.Run(temp.Path, "import", BtcSpot, "--db", db));
        string barsBefore = Ok(TickwiseProcess.Run(temp.Path, "export", "bars", "--symbol", "BTCUSDT", "--interval", "1m", "--db", db)).Stdout;

        var result = Ok(TickwiseProcess.Run(temp.Path, "prune", "--before", Midnight.ToString(System.Globalization.CultureInfo.InvariantCulture), "--yes", "--db", db));

        result.Stderr.ShouldContain("BTCUSDT: deleted 9,738 trades");
        using (ITickStore store = TickStores.Open(db))
        {
            store.Count(Btc).Trades.ShouldBe(19_904 - 9_738);
            store.ReadTrades(Btc, TimeRange.All).First().TimestampMs.ShouldBeGreaterThanOrEqualTo(Midnight);
        }
        Ok(TickwiseProcess.Run(temp.Path, "export", "bars", "--symbol", "BTCUSDT", "--interval", "1m", "--db", db)).Stdout.ShouldBe(barsBefore);

        // Importing the file again restores the deleted day, and the bars come out the same.
        Ok(TickwiseProcess.Run(temp.Path, "import", BtcSpot, "--db", db));
        using (ITickStore store = TickStores.Open(db)) store.Count(Btc).Trades.ShouldBe(19_904);
        Ok(TickwiseProcess.Run(temp.Path, "export", "bars", "--symbol", "BTCUSDT", "--interval", "1m", "--db", db)).Stdout.ShouldBe(barsBefore);
    }

    [Fact]
    public void Prune_BarsBefore_DeletesTheOldDaysBarsToo()
    {
        using var temp = new TempDirectory();
        string db = temp.File("t.db");
        Ok(TickwiseProcess.Run(temp.Path, "import", BtcSpot, "--db", db));

        var result = Ok(TickwiseProcess.Run(temp.Path, "prune", "--before", "2024-08-09", "--bars-before", "2024-08-09", "--yes", "--db", db));

        result.Stderr.ShouldContain("bars");
        using ITickStore store = TickStores.Open(db);
        store.ReadBars(Btc, Interval.OneMinute, TimeRange.All).First().OpenTimeMs.ShouldBe(Midnight);
    }

    [Theory]
    [InlineData("--bars-before", "2024-08-10", "--bars-before is after --before")]
    [InlineData("--symbols", "DOGEUSDT", "DOGEUSDT has no data in this database")]
    [InlineData("--before", "yesterday", "--before")]
    public void Prune_BadInput_FailsWithAClearMessageAndDeletesNothing(string option, string value, string message)
    {
        using var temp = new TempDirectory();
        string db = temp.File("t.db");
        Ok(TickwiseProcess.Run(temp.Path, "import", BtcSpot, "--db", db));
        var args = new List<string> { "prune", "--before", "2024-08-09", "--yes", "--db", db };
        int at = args.IndexOf(option);
        if (at >= 0) args[at + 1] = value;
        else args.AddRange([option, value]);

        var result = TickwiseProcess.Run(temp.Path, [.. args]);

        result.ExitCode.ShouldBe(1);
        result.Stderr.ShouldContain(message);
        using ITickStore store = TickStores.Open(db);
        store.Count(Btc).Trades.ShouldBe(19_904);
    }
}
