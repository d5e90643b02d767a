using System.IO.Compression;
using System.Text;
using BenchmarkDotNet.Attributes;
using Tickwise.Binance.Files;
using Tickwise.Binance.Streams;
using Tickwise.Core.Market;

namespace Tickwise.Bench;

/// <summary>
/// Binance payload and dump-line parsing, per message, over real recorded messages
/// (../shared/data/binance). Targets: at least 3M trade/aggTrade messages a second on one core, 0 B a message.
/// Trades and aggTrades take the parser's scanner fast path; the *GeneralPath benchmarks show them without it.
/// </summary>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    private const int Messages = 1_000;

    private byte[][] _trades = [];
    private byte[][] _aggTrades = [];
    private byte[][] _depthUpdates = [];
    private byte[][] _bookTickers = [];
    private byte[][] _csvTrades = [];
    private readonly DepthUpdate _depth = new(initialCapacity: 1_024);
    private readonly Symbol _symbol = new("BTCUSDT");

    [GlobalSetup]
    public void Setup()
    {
        // Real frames from the spot recording: "<unix ns> <payload>" lines.
        var trades = new List<byte[]>();
        var depth = new List<byte[]>();
        var tickers = new List<byte[]>();
        using (var reader = new StreamReader(new GZipStream(File.OpenRead(Data("ws", "spot", "btcusdt_20240808.gz")), CompressionMode.Decompress)))
        {
            while (reader.ReadLine() is { } line && (trades.Count < Messages || depth.Count < Messages || tickers.Count < Messages))
            {
                string payload = line[(line.IndexOf(' ') + 1)..];
                List<byte[]>? target = payload.Contains("@trade") ? trades : payload.Contains("@depth") ? depth : payload.Contains("@bookTicker") ? tickers : null;
                if (target is not null && target.Count < Messages) target.Add(Encoding.UTF8.GetBytes(payload));
            }
        }
        _trades = [.. trades];
        _depthUpdates = [.. depth];
        _bookTickers = [.. tickers];

        // The captures hold few aggTrades; cycle the futures ones.
        byte[][] agg = [.. File.ReadLines(Data("ws", "samples", "BINANCE_FUTURES.ws.jsonl")).Where(l => l.Contains("@aggTrade")).Select(Encoding.UTF8.GetBytes)];
        _aggTrades = [.. Enumerable.Range(0, Messages).Select(i => agg[i % agg.Length])];

        _csvTrades = [.. File.ReadLines(Data("trades", "BTCUSDT-trades-spot-20240808T235415-20240809T000505.csv")).Take(Messages).Select(Encoding.ASCII.GetBytes)];

        foreach (byte[] m in _depthUpdates) Check(m);
        foreach (byte[] m in _trades) Check(m);
        foreach (byte[] m in _aggTrades) Check(m);
        foreach (byte[] m in _bookTickers) Check(m);
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public long TradeMessage() => ParseAll(_trades);

    [Benchmark(OperationsPerInvoke = Messages)]
    public long AggTradeMessage() => ParseAll(_aggTrades);

    [Benchmark(OperationsPerInvoke = Messages)]
    public long BookTickerMessage() => ParseAll(_bookTickers);

    [Benchmark(OperationsPerInvoke = Messages)]
    public long DepthUpdateMessage() => ParseAll(_depthUpdates);

    /// <summary>Trades through the general Utf8JsonReader path alone, bypassing the trade scanner: the cost of a trade
    /// in a shape the scanner declines, and the figure the scanner is measured against.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public long TradeMessageGeneralPath() => ParseAllGeneral(_trades);

    /// <inheritdoc cref="TradeMessageGeneralPath"/>
    [Benchmark(OperationsPerInvoke = Messages)]
    public long AggTradeMessageGeneralPath() => ParseAllGeneral(_aggTrades);

    /// <summary>Quotes through the general path alone: with <see cref="BookTickerMessage"/>, shows what the trade
    /// scanner's quick refusal adds to every other message.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public long BookTickerMessageGeneralPath() => ParseAllGeneral(_bookTickers);

    /// <summary>The floor of the general path: only walking the trade messages' tokens with Utf8JsonReader, no field handling.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public long TradeMessageTokensOnly()
    {
        long tokens = 0;
        byte[][] messages = _trades;
        for (int i = 0; i < messages.Length; i++)
        {
            var reader = new System.Text.Json.Utf8JsonReader(messages[i]);
            while (reader.Read()) tokens++;
        }
        return tokens;
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public long CsvTradeLine()
    {
        long sum = 0;
        byte[][] lines = _csvTrades;
        for (int i = 0; i < lines.Length; i++)
        {
            if (DumpLineParser.TryParseTrade(lines[i], DumpLayout.SpotTrades, _symbol, out Trade trade, out _)) sum += trade.Id;
        }
        return sum;
    }

    private long ParseAll(byte[][] messages)
    {
        long sum = 0;
        for (int i = 0; i < messages.Length; i++)
        {
            if (BinanceMessageParser.Parse(messages[i], _depth, out StreamMessage message).IsParsed) sum += (long)message.Kind;
        }
        return sum;
    }

    private long ParseAllGeneral(byte[][] messages)
    {
        long sum = 0;
        for (int i = 0; i < messages.Length; i++)
        {
            if (BinanceMessageParser.ParseGeneral(messages[i], _depth, out StreamMessage message).IsParsed) sum += (long)message.Kind;
        }
        return sum;
    }

    private void Check(byte[] message)
    {
        ParseResult result = BinanceMessageParser.Parse(message, _depth, out _);
        if (!result.IsParsed) throw new InvalidOperationException($"Benchmark input does not parse: {result.Detail}");
    }

    internal static string Data(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tickwise.slnx")))
                return Path.Combine([dir.FullName, "..", "shared", "data", "binance", .. parts]);
        }
        throw new InvalidOperationException("Tickwise.slnx not found above " + AppContext.BaseDirectory);
    }
}
