using System.Text;
using BenchmarkDotNet.Attributes;
using Tickwise.Binance.Client;
using Tickwise.Core.Market;

namespace Tickwise.Bench;

/// <summary>
/// The live client's per-message path (<see cref="BinanceStreamClient.HandleMessage"/>): parse the combined-stream
/// frame, count it per symbol, sequence aggregated trade ids, stamp quotes, hand the event on. No socket: this is the
/// cost the receive loop adds on top of reading the bytes. Frames are in Binance's exact compact form with contiguous
/// ids (the shared recordings hold too few aggTrades to fill a run). Target: 0 B a message.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1, 1)] // a fresh client per iteration, so the in-order run starts from no known id
public class LiveStreamBenchmarks
{
    private const int Messages = 100_000;

    private static readonly Func<MarketEvent, CancellationToken, ValueTask> Discard = static (_, _) => ValueTask.CompletedTask;

    private byte[][] _aggTrades = [];
    private byte[][] _quotes = [];
    private byte[][] _trades = [];
    private BinanceStreamClient _client = null!;
    private BinanceStreamClient _rawClient = null!;
    private HttpClient _http = null!;

    [GlobalSetup]
    public void Setup()
    {
        _aggTrades = new byte[Messages][];
        _quotes = new byte[Messages][];
        _trades = new byte[Messages][];
        for (int i = 0; i < Messages; i++)
        {
            long id = 2_000_000_000L + i;
            long time = 1_723_075_200_000L + i;
            _aggTrades[i] = Encoding.ASCII.GetBytes($"{{\"stream\":\"btcusdt@aggTrade\",\"data\":{{\"e\":\"aggTrade\",\"E\":{time + 3},\"s\":\"BTCUSDT\",\"a\":{id},\"p\":\"61837.{i % 100:00}000000\",\"q\":\"0.00{i % 9 + 1}100000\",\"f\":{id * 3},\"l\":{id * 3 + 2},\"T\":{time},\"m\":{(i % 2 == 0 ? "true" : "false")},\"M\":true}}}}");
            _trades[i] = Encoding.ASCII.GetBytes($"{{\"stream\":\"btcusdt@trade\",\"data\":{{\"e\":\"trade\",\"E\":{time + 3},\"s\":\"BTCUSDT\",\"t\":{id},\"p\":\"61837.{i % 100:00}000000\",\"q\":\"0.00{i % 9 + 1}100000\",\"T\":{time},\"m\":{(i % 2 == 0 ? "true" : "false")},\"M\":true}}}}");
            _quotes[i] = Encoding.ASCII.GetBytes($"{{\"stream\":\"btcusdt@bookTicker\",\"data\":{{\"u\":{id},\"s\":\"BTCUSDT\",\"b\":\"61837.{i % 100:00}000000\",\"B\":\"1.25000000\",\"a\":\"61837.{i % 100 + 1:00}000000\",\"A\":\"0.75000000\"}}}}");
        }
        _http = new HttpClient();
    }

    [IterationSetup]
    public void NewClient()
    {
        var options = new BinanceStreamClientOptions
        {
            Endpoints = BinanceEndpoints.Of(BinanceMarket.Spot),
            Subscription = new StreamSubscription([new Symbol("BTCUSDT")], [StreamKind.AggTrade, StreamKind.BookTicker]),
        };
        _client = new BinanceStreamClient(options, new BinanceRestClient(_http, options.Endpoints, TimeProvider.System), TimeProvider.System);
        // Warm the symbol cache and give the sequencer its start, so every measured trade is the next id.
        _client.HandleMessage(_aggTrades[0], Discard, CancellationToken.None).GetAwaiter().GetResult();
        var raw = new BinanceStreamClientOptions
        {
            Endpoints = options.Endpoints,
            Subscription = new StreamSubscription([new Symbol("BTCUSDT")], [StreamKind.Trade]),
        };
        _rawClient = new BinanceStreamClient(raw, new BinanceRestClient(_http, raw.Endpoints, TimeProvider.System), TimeProvider.System);
        _rawClient.HandleMessage(_trades[0], Discard, CancellationToken.None).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _http.Dispose();

    /// <summary>Aggregated trades in id order: each one parsed, sequenced and delivered.</summary>
    [Benchmark(OperationsPerInvoke = Messages - 1)]
    public long AggTradesInOrder()
    {
        for (int i = 1; i < Messages; i++) _client.HandleMessage(_aggTrades[i], Discard, CancellationToken.None).GetAwaiter().GetResult();
        return _client.Symbols[0].LastTradeId;
    }

    /// <summary>Raw trades in id order: each one parsed, sequenced (gap repair over historicalTrades) and delivered.</summary>
    [Benchmark(OperationsPerInvoke = Messages - 1)]
    public long RawTradesInOrder()
    {
        for (int i = 1; i < Messages; i++) _rawClient.HandleMessage(_trades[i], Discard, CancellationToken.None).GetAwaiter().GetResult();
        return _rawClient.Symbols[0].LastTradeId;
    }

    /// <summary>Aggregated trades already delivered (the stream overlapping a backfill): parsed and dropped.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public long AggTradesDuplicate()
    {
        for (int i = 0; i < Messages; i++) _client.HandleMessage(_aggTrades[0], Discard, CancellationToken.None).GetAwaiter().GetResult();
        return _client.Symbols[0].DuplicatesDropped;
    }

    /// <summary>Spot bookTicker quotes: parsed, stamped with the client clock, delivered.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public long Quotes()
    {
        for (int i = 0; i < Messages; i++) _client.HandleMessage(_quotes[i], Discard, CancellationToken.None).GetAwaiter().GetResult();
        return _client.Symbols[0].Messages;
    }
}
