using System.IO.Compression;
using System.Text;
using BenchmarkDotNet.Attributes;
using Tickwise.Binance.Book;
using Tickwise.Binance.Streams;
using Tickwise.Core.Market;

namespace Tickwise.Bench;

/// <summary>
/// The local order book over the real BTCUSDT spot recording (../shared/data/binance/ws/spot, both days): the REST
/// snapshot plus 6,495 <c>@depth@100ms</c> diffs of a few dozen levels each, replayed in order from an empty
/// book every invocation. Reported per depth message. Target: 0 B a message once warmed up.
/// </summary>
[MemoryDiagnoser]
public class OrderBookBenchmarks
{
    /// <summary>Depth messages in the two files: 1 snapshot and 6,495 diffs.</summary>
    private const int Messages = 6_496;

    private byte[][] _payloads = [];
    private DepthUpdate[] _parsed = [];
    private readonly DepthUpdate _depth = new(initialCapacity: 8_192);
    private readonly OrderBook _book = new(new Symbol("BTCUSDT"));
    private readonly BookLevel[] _top = new BookLevel[20];

    [GlobalSetup]
    public void Setup()
    {
        var payloads = new List<byte[]>();
        foreach (string day in new[] { "btcusdt_20240808.gz", "btcusdt_20240809.gz" })
        {
            using var reader = new StreamReader(new GZipStream(File.OpenRead(ParserBenchmarks.Data("ws", "spot", day)), CompressionMode.Decompress));
            while (reader.ReadLine() is { } line)
            {
                string payload = line[(line.IndexOf(' ') + 1)..];
                if (payload.Contains("depthUpdate", StringComparison.Ordinal) || payload.StartsWith("{\"lastUpdateId\"", StringComparison.Ordinal))
                    payloads.Add(Encoding.UTF8.GetBytes(payload));
            }
        }
        _payloads = [.. payloads];
        if (_payloads.Length != Messages) throw new InvalidOperationException($"expected {Messages} depth messages, found {_payloads.Length}");
        _parsed = new DepthUpdate[_payloads.Length];
        for (int i = 0; i < _payloads.Length; i++)
        {
            if (!BinanceMessageParser.Parse(_payloads[i], _depth, out _).IsParsed) throw new InvalidOperationException($"depth message {i} does not parse");
            _parsed[i] = new DepthUpdate(initialCapacity: 1);
            _depth.CopyTo(_parsed[i]);
        }
        ApplyParsed();
        if (!_book.IsSynchronized || _book.Gaps != 0) throw new InvalidOperationException("the recording should keep the book synchronized: " + _book.LastProblem);
    }

    /// <summary>Applies every recorded depth message (already parsed) to a book reset to empty.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public long ApplyParsed()
    {
        _book.Reset();
        foreach (DepthUpdate update in _parsed) _book.Apply(update);
        return _book.LastUpdateId;
    }

    /// <summary>Parses each recorded payload into the reused buffer and applies it: the per-message cost of a live book.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public long ParseAndApply()
    {
        _book.Reset();
        foreach (byte[] payload in _payloads)
        {
            BinanceMessageParser.Parse(payload, _depth, out StreamMessage message);
            _book.Apply(message.Depth!);
        }
        return _book.LastUpdateId;
    }

    /// <summary>Reads the best bid and ask, the mid price and the top 20 levels a side of the synchronized book.</summary>
    [Benchmark]
    public double ReadTop()
    {
        _book.TryGetBestBid(out BookLevel bid);
        _book.TryGetBestAsk(out BookLevel ask);
        int n = _book.CopyBids(_top) + _book.CopyAsks(_top);
        return _book.MidPrice + bid.Price.Raw + ask.Price.Raw + n;
    }
}
