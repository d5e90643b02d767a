using BenchmarkDotNet.Attributes;
using Tickwise.Core.Market;
using Tickwise.Storage.Sqlite;

namespace Tickwise.Bench;

/// <summary>The SQLite store's bulk paths, on a real file in a temp directory.</summary>
/// <remarks>
/// Rows per second = <see cref="TradesPerBatch"/> / mean time of <see cref="AppendTrades"/>. Each AppendTrades invocation
/// appends the next 10k ids, so the table grows during the run as it does during an import, and every row is new.
/// </remarks>
[MemoryDiagnoser]
public class SqliteStoreBenchmarks
{
    public const int TradesPerBatch = 10_000;
    public const int BarsPerBatch = 10_000;
    private const long StartMs = 1_723_161_255_000;

    private static readonly Symbol Btc = new("BTCUSDT");

    private string _directory = "";
    private SqliteTickStore _store = null!;
    private Trade[] _trades = [];
    private Bar[] _bars = [];
    private long _nextId;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "tickwise-bench", Guid.NewGuid().ToString("N"));
        _store = SqliteTickStore.Open(Path.Combine(_directory, "bench.db"));
        _trades = new Trade[TradesPerBatch];
        _bars = new Bar[BarsPerBatch];
        for (int i = 0; i < BarsPerBatch; i++)
        {
            long openMs = Interval.OneMinute.FloorMs(StartMs) + i * 60_000L;
            _bars[i] = new Bar(Btc, Interval.OneMinute, openMs, Price.Parse("61837.63"), Price.Parse("61900.12"), Price.Parse("61800.01"),
                Price.Parse("61850.5"), 12.34567891m + i, 763_212.1234567812345678m + i, 42 + i, 1.5m, 92_000.12345678m);
        }
        _store.UpsertBars(_bars);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [IterationSetup(Target = nameof(AppendTrades))]
    public void NextTrades()
    {
        for (int i = 0; i < TradesPerBatch; i++)
        {
            long id = _nextId++;
            _trades[i] = new Trade(Btc, id, new Price(6_183_763_000_000 + id % 1000 * 1_000_000), new Quantity(1 + id % 777 * 12_345_679),
                StartMs + id * 3, id % 2 == 0 ? AggressorSide.Buyer : AggressorSide.Seller);
        }
    }

    /// <summary>One transaction of 10k new trades, in id order.</summary>
    [Benchmark]
    public int AppendTrades() => _store.AppendTrades(_trades);

    /// <summary>One transaction replacing 10k one-minute bars.</summary>
    [Benchmark]
    public void UpsertBars() => _store.UpsertBars(_bars);

    /// <summary>Reads 10k one-minute bars back.</summary>
    [Benchmark]
    public long ReadBars()
    {
        long sum = 0;
        foreach (Bar bar in _store.ReadBars(Btc, Interval.OneMinute, TimeRange.All)) sum += bar.TradeCount;
        return sum;
    }

    /// <summary>Finds where the latest 10k one-minute bars start (what <c>/api/bars</c> does before its one forward read).</summary>
    [Benchmark]
    public long? LatestBarsStart() => _store.LatestBarsStartMs(Btc, Interval.OneMinute, long.MaxValue, BarsPerBatch);
}
