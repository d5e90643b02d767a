using BenchmarkDotNet.Attributes;
using Tickwise.Core.Market;
using Tickwise.Web.Live;

namespace Tickwise.Bench;

/// <summary>The live feed's cost on the ingest thread: a trade with nobody subscribed (the common case: bars in progress
/// only, nothing allocated) and the serialization of one trade message (one allocation, shared by all subscribers).</summary>
/// <remarks>End-to-end latency (trade to WebSocket client) is measured by the <c>web-latency</c> harness.</remarks>
[MemoryDiagnoser]
public class WebBenchmarks
{
    private LiveFeedHub _hub = null!;
    private Trade[] _trades = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _hub = new LiveFeedHub(Interval.Standard, store: null);
        var symbol = new Symbol("BTCUSDT");
        _trades = new Trade[4096];
        for (int i = 0; i < _trades.Length; i++)
            _trades[i] = new Trade(symbol, i + 1, new Price(6_160_202_000_000 + i * 1_000_000), new Quantity(536_000), 1_723_161_600_000 + i * 25, AggressorSide.Buyer);
    }

    [GlobalCleanup]
    public void Cleanup() => _hub.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>OnTrade with no client: updates the 13 bars in progress.</summary>
    [Benchmark]
    public void OnTrade_NoSubscriber()
    {
        Trade trade = _trades[_next++ & 4095];
        // Times must not go backwards across laps, or the bars would count the trades as late and do less work.
        _hub.OnTrade(new Trade(trade.Symbol, trade.Id, trade.Price, trade.Quantity, trade.TimestampMs + (_next >> 12) * 4096 * 25, trade.AggressorSide));
    }

    /// <summary>One trade message serialized.</summary>
    [Benchmark]
    public int SerializeTrade() => FeedJson.Trade("trades:BTCUSDT", _trades[_next++ & 4095]).Utf8.Length;
}
