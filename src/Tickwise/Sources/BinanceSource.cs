using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Tickwise.Binance.Client;
using Tickwise.Core.Market;
using Tickwise.Storage;

namespace Tickwise.Sources;

/// <summary>Binance's live streams into the pipeline: a <see cref="BinanceStreamClient"/> (reconnecting, gap-repairing)
/// writing into the bounded channel that <c>tickwise run</c> drains into the store.</summary>
/// <remarks>
/// The channel waits when full, so a slow store slows the reading (and the exchange's own buffers and the REST gap
/// repair cover the rest) instead of dropping trades. Status lines are built from the client's counters; the rate
/// is the messages per second since the previous status line.
/// </remarks>
internal sealed class BinanceSource : IDisposable
{
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly BinanceStreamClientOptions _options;
    private readonly long[] _previousMessages;
    private long _previousStatusTimestamp;

    /// <summary>Creates the source; <paramref name="onNotice"/> receives connection and repair events.</summary>
    public BinanceSource(BinanceStreamClientOptions options, TimeProvider time, Action<StreamNotice> onNotice)
    {
        _time = time;
        _options = options;
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var rest = new BinanceRestClient(_http, options.Endpoints, time, onNotice);
        Client = new BinanceStreamClient(options, rest, time, onNotice);
        _previousMessages = new long[options.Subscription.Symbols.Count];
        _previousStatusTimestamp = time.GetTimestamp();
    }

    /// <summary>The stream client, for its counters.</summary>
    public BinanceStreamClient Client { get; }

    /// <summary>
    /// Makes the first connection fetch the aggregated trades missed since the last one <paramref name="store"/> holds
    /// for each symbol, when that store's trades of the symbol came from this same exchange's aggTrade stream; then
    /// marks every symbol as fed by it. Returns the symbols resumed with their last stored id.
    /// </summary>
    /// <remarks>The mark (metadata <c>live_source:SYMBOL</c>) names the REST history, because spot and futures number
    /// their trades separately: a store filled by the simulator, an import, or another venue is never resumed from.
    /// Call before <see cref="RunAsync"/>, on the thread that owns the store.</remarks>
    public IReadOnlyList<(Symbol Symbol, long LastTradeId)> ResumeFrom(ITickStore store)
    {
        var resumed = new List<(Symbol, long)>();
        if (!_options.Subscription.HasAggTrades) return resumed;
        string mark = $"binance aggTrade {_options.Endpoints.RestUri("aggTrades", "").GetLeftPart(UriPartial.Path)}";
        foreach (Symbol symbol in _options.Subscription.Symbols)
        {
            string key = $"live_source:{symbol}";
            if (store.GetMetadata(key) == mark && store.LastTradeBefore(symbol, long.MaxValue) is { } last)
            {
                Client.Resume(symbol, last.Id);
                resumed.Add((symbol, last.Id));
            }
            else if (store.Count(symbol).Trades > 0)
            {
                continue; // trades from elsewhere: neither resume from them nor claim them
            }
            store.SetMetadata(key, mark);
        }
        return resumed;
    }

    /// <summary>Writes trades and quotes into <paramref name="writer"/> until cancelled, then completes it.</summary>
    public async Task RunAsync(ChannelWriter<MarketEvent> writer, CancellationToken cancellationToken)
    {
        try
        {
            await Client.RunAsync((e, token) => writer.WriteAsync(e, token), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping while the channel was full: the normal end of a live source.
        }
        finally
        {
            writer.TryComplete();
        }
    }

    /// <summary>Returns one status line per symbol: connection, last message age, messages/s, gaps repaired, errors.</summary>
    public IReadOnlyList<string> StatusLines()
    {
        long now = _time.GetTimestamp();
        double seconds = Math.Max(1e-3, _time.GetElapsedTime(_previousStatusTimestamp, now).TotalSeconds);
        _previousStatusTimestamp = now;
        long nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        string connection = Client.IsConnected ? "connected" : Client.Connections == 0 ? "NOT CONNECTED (exchange unreachable so far)" : "DISCONNECTED (reconnecting)";
        var lines = new List<string>(Client.Symbols.Count);
        for (int i = 0; i < Client.Symbols.Count; i++)
        {
            StreamSymbolStatus s = Client.Symbols[i];
            long messages = s.Messages;
            double rate = (messages - _previousMessages[i]) / seconds;
            _previousMessages[i] = messages;
            string age = s.LastMessageMs == long.MinValue ? "no message yet" : $"last message {(nowMs - s.LastMessageMs) / 1000.0:0.0} s ago";
            var line = new StringBuilder();
            line.Append(CultureInfo.InvariantCulture, $"{s.Symbol}: {connection}, {age}, {rate:0.#} msg/s, {s.GapsRepaired} gaps repaired ({s.TradesRepaired} trades)");
            if (s.TradesLost > 0) line.Append(CultureInfo.InvariantCulture, $", {s.TradesLost} trades LOST");
            line.Append(CultureInfo.InvariantCulture, $", {Client.ParseErrors} parse errors");
            lines.Add(line.ToString());
        }
        return lines;
    }

    public void Dispose() => _http.Dispose();
}
