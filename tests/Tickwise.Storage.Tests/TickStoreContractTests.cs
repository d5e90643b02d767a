using Tickwise.Core.Market;
using Tickwise.Storage.Tests.Support;
using static Tickwise.Storage.Tests.Support.TestData;

namespace Tickwise.Storage.Tests;

/// <summary>
/// What every <see cref="ITickStore"/> must do, run against each implementation by a derived class
/// (<c>Sqlite/SqliteTickStoreContractTests</c>, <c>Postgres/PostgresTickStoreContractTests</c>).
/// Implementation-specific behaviour (files, servers, faults) is tested beside each implementation.
/// </summary>
public abstract partial class TickStoreContractTests
{
    /// <summary>Opens the test's store: empty on the first call, the same store (as a new instance) on later calls.</summary>
    protected abstract ITickStore OpenStore();
    [Fact]
    public void AppendTrades_ThenReadTrades_ReturnsExactValues()
    {
        using ITickStore sut = OpenStore();
        Trade[] trades =
        [
            new(Btc, 1, Price.Parse("61837.63000001"), Quantity.Parse("0.00000001"), StartMs, AggressorSide.Seller),
            new(Btc, 2, Price.Parse("92233720368.54775807"), Quantity.Parse("92233720368.54775807"), StartMs + 1, AggressorSide.Buyer, int.MaxValue),
            new(Btc, 3, new Price(0), Quantity.Parse("1"), Timestamps.MaxPlausibleMs - 1, AggressorSide.None),
        ];

        sut.AppendTrades(trades).ShouldBe(3);

        sut.ReadTrades(Btc, TimeRange.All).ToArray().ShouldBe(trades);
    }

    [Fact]
    public void AppendTrades_RealBinanceTrades_RoundTripExactly()
    {
        using ITickStore sut = OpenStore();
        Trade[] trades = RealBtcTrades();

        sut.AppendTrades(trades).ShouldBe(trades.Length);

        trades.Length.ShouldBe(19_904); // the shared data README's count
        sut.ReadTrades(Btc, TimeRange.All).ToArray().ShouldBe(trades);
    }

    [Fact]
    public void AppendTrades_SameBatchTwice_SecondAddsNothing()
    {
        using ITickStore sut = OpenStore();
        Trade[] batch = Trades(Btc, 100, 1000);

        sut.AppendTrades(batch).ShouldBe(1000);
        sut.AppendTrades(batch).ShouldBe(0);

        sut.Count(Btc).ShouldBe(new StoreCounts(1000, 0));
    }

    [Fact]
    public void AppendTrades_OverlappingBatches_CountsOnlyNewTradesAndKeepsFirst()
    {
        using ITickStore sut = OpenStore();
        sut.AppendTrades(Trades(Btc, 0, 100)).ShouldBe(100);
        // Ids 50..149, stamped an hour later: the stored 50..99 must keep their first values.
        Trade[] overlapping = Trades(Btc, 50, 100, StartMs + 3_600_000);

        sut.AppendTrades(overlapping).ShouldBe(50);

        Trade[] stored = [.. sut.ReadTrades(Btc, TimeRange.All)];
        stored.Length.ShouldBe(150);
        stored[50].ShouldBe(Trades(Btc, 0, 100)[50]);
        stored[149].ShouldBe(overlapping[^1]);
    }

    [Fact]
    public void AppendTrades_RepeatedKeysInOneBatch_KeepsFirstAndCountsOnce()
    {
        using ITickStore sut = OpenStore();
        Trade first = new(Btc, 7, new Price(100), new Quantity(1), StartMs, AggressorSide.Buyer);
        Trade repeat = new(Btc, 7, new Price(999), new Quantity(5), StartMs + 60_000, AggressorSide.Seller);
        Trade[] batch = [first, .. Trades(Eth, 7, 3), repeat, .. Trades(Btc, 1, 3)];

        sut.AppendTrades(batch).ShouldBe(7);

        sut.ReadTrades(Btc, TimeRange.All).ShouldBe([.. Trades(Btc, 1, 3), first]);
        sut.Count().Trades.ShouldBe(7);
    }

    [Fact]
    public void AppendTrades_EmptySpan_ReturnsZero()
    {
        using ITickStore sut = OpenStore();

        sut.AppendTrades([]).ShouldBe(0);

        sut.ListSymbols().ShouldBeEmpty();
    }

    [Fact]
    public void AppendTrades_DefaultTradeInBatch_ThrowsAndStoresNothingOfTheBatch()
    {
        using ITickStore sut = OpenStore();
        Trade[] batch = [.. Trades(Eth, 1, 10), default];

        Should.Throw<ArgumentException>(() => sut.AppendTrades(batch)).Message.ShouldContain("index 10");

        sut.Count().ShouldBe(new StoreCounts(0, 0));
        sut.ListSymbols().ShouldBeEmpty();
        // The symbol row was rolled back with the batch; the store must not reuse its stale id.
        sut.AppendTrades(Trades(Eth, 1, 10)).ShouldBe(10);
        sut.ReadTrades(Eth, TimeRange.All).Count().ShouldBe(10);
    }

    [Fact]
    public void AppendTrades_SameIdsInTwoSymbols_KeepsBoth()
    {
        using ITickStore sut = OpenStore();
        Trade[] mixed = [.. Trades(Btc, 1, 5), .. Trades(Eth, 1, 5), .. Trades(Btc, 6, 5)];

        sut.AppendTrades(mixed).ShouldBe(15);

        sut.Count(Btc).Trades.ShouldBe(10);
        sut.Count(Eth).Trades.ShouldBe(5);
        sut.ReadTrades(Eth, TimeRange.All).ShouldAllBe(t => t.Symbol == Eth);
    }

    [Fact]
    public void UpsertBars_ThenReadBars_ReturnsExactValues()
    {
        using ITickStore sut = OpenStore();
        Bar huge = new(Btc, Interval.OneMinute, Interval.OneMinute.FloorMs(StartMs), Price.Parse("0.00000001"), Price.Parse("92233720368.54775807"),
            new Price(0), Price.Parse("1.5"), 12345678901234.12345678m, 1234567890123.1234567890123456m, long.MaxValue,
            12345678901234.12345678m, 0.0000000000000001m);
        Bar[] bars = [huge, TestData.Bar(Btc, 1), TestData.Bar(Btc, 2, volume: 0m)];

        sut.UpsertBars(bars);

        Bar[] read = [.. sut.ReadBars(Btc, Interval.OneMinute, TimeRange.All)];
        read.ShouldBe(bars);
        read[0].QuoteVolume.ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe("1234567890123.1234567890123456");
        read[0].Volume.ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe("12345678901234.12345678");
    }

    [Fact]
    public void UpsertBars_SameKeyAgain_ReplacesBar()
    {
        using ITickStore sut = OpenStore();
        sut.UpsertBars([TestData.Bar(Btc, 0, volume: 1m), TestData.Bar(Btc, 1)]);
        Bar replacement = TestData.Bar(Btc, 0, volume: 99.5m);

        sut.UpsertBars([replacement]);

        sut.Count(Btc).Bars.ShouldBe(2);
        sut.ReadBars(Btc, Interval.OneMinute, TimeRange.All).First().ShouldBe(replacement);
    }

    [Fact]
    public void UpsertBars_DefaultBarInBatch_ThrowsAndStoresNothingOfTheBatch()
    {
        using ITickStore sut = OpenStore();

        Should.Throw<ArgumentException>(() => sut.UpsertBars([TestData.Bar(Btc, 0), default]));

        sut.Count().ShouldBe(new StoreCounts(0, 0));
    }

    [Fact]
    public void SetMetadata_ThenGetMetadata_ReturnsLastValue()
    {
        using ITickStore sut = OpenStore();

        sut.SetMetadata("import.last", "one");
        sut.SetMetadata("import.last", "two ünïcode");

        sut.GetMetadata("import.last").ShouldBe("two ünïcode");
        sut.GetMetadata("missing").ShouldBeNull();
    }

    [Fact]
    public void Open_ExistingStore_KeepsEverything()
    {
        using (ITickStore first = OpenStore())
        {
            first.AppendTrades(Trades(Btc, 1, 100));
            first.UpsertBars([TestData.Bar(Eth, 0)]);
            first.SetMetadata("k", "v");
        }

        using ITickStore sut = OpenStore();

        sut.Count().ShouldBe(new StoreCounts(100, 1));
        sut.ListSymbols().ShouldBe([Btc, Eth]);
        sut.GetMetadata("k").ShouldBe("v");
        sut.AppendTrades(Trades(Btc, 1, 100)).ShouldBe(0);
    }

    [Fact]
    public void AppendTrades_HugeBatch_StoresAllInOneCall()
    {
        using ITickStore sut = OpenStore();
        Trade[] trades = Trades(Btc, 0, 300_001); // not a multiple of the 64-row insert

        sut.AppendTrades(trades).ShouldBe(300_001);
        sut.AppendTrades(trades.AsSpan(299_900)).ShouldBe(0);

        sut.Count(Btc).Trades.ShouldBe(300_001);
        sut.ReadTrades(Btc, TimeRange.All, limit: 5).ShouldBe(trades[..5]);
        sut.TradeTimeSpan(Btc).ShouldBe(new TimeRange(trades[0].TimestampMs, trades[^1].TimestampMs + 1));
    }

    [Fact]
    public void SetMetadata_HugeAndOddValues_RoundTrip()
    {
        using ITickStore sut = OpenStore();
        string huge = new('x', 8 * 1024 * 1024);

        sut.SetMetadata("huge", huge);
        sut.SetMetadata("", "empty key");
        sut.SetMetadata("quote'\"; DROP TABLE trades; --", "\0\u0001 nul and control");

        sut.GetMetadata("huge").ShouldBe(huge);
        sut.GetMetadata("").ShouldBe("empty key");
        sut.GetMetadata("quote'\"; DROP TABLE trades; --").ShouldBe("\0\u0001 nul and control");
        sut.Count().ShouldBe(new StoreCounts(0, 0));
    }

    [Fact]
    public void ReadBars_ManyThreadsAtOnce_EachSeesAllRows()
    {
        using ITickStore sut = OpenStore();
        Bar[] bars = [.. Enumerable.Range(0, 500).Select(i => TestData.Bar(Btc, i))];
        sut.UpsertBars(bars);

        Bar[][] results = new Bar[8][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            i => results[i] = [.. sut.ReadBars(Btc, Interval.OneMinute, TimeRange.All)]);

        foreach (Bar[] read in results) read.ShouldBe(bars);
    }

    [Fact]
    public void Dispose_Twice_ThenUse_ThrowsObjectDisposed()
    {
        ITickStore sut = OpenStore();
        sut.Dispose();
        sut.Dispose();

        Should.Throw<ObjectDisposedException>(() => sut.AppendTrades(Trades(Btc, 1, 1)));
        Should.Throw<ObjectDisposedException>(() => sut.ReadTrades(Btc, TimeRange.All));
        Should.Throw<ObjectDisposedException>(() => sut.Count());
    }
}
