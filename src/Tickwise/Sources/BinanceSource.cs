using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Tickwise.Binance.Client;
using Tickwise.Core.Market;

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
    private readonly long[] _previousMessages;
    private long _previousStatusTimestamp;

    /// <summary>Creates the source; <paramref name="onNotice"/> receives connection and repair events.</summary>
    public BinanceSource(BinanceStreamClientOptions options, TimeProvider time, Action<StreamNotice> onNotice)
    {
        _time = time;
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var rest = new BinanceRestClient(_http, options.Endpoints, time, onNotice);
        Client = new BinanceStreamClient(options, rest, time, onNotice);
        _previousMessages = new long[options.Subscription.Symbols.Count];
        _previousStatusTimestamp = time.GetTimestamp();
    }

    /// <summary>The stream client, for its counters.</summary>
    public BinanceStreamClient Client { get; }

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
