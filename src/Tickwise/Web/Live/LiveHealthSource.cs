using Tickwise.Health;

namespace Tickwise.Web.Live;

/// <summary>The health of a simulator, replay or serve process, from what <see cref="LiveMarket"/> and the feed hub counted.</summary>
/// <remarks>
/// These sources have no connection to lose, so every symbol is connected and repairs and parse errors are zero (the
/// replay's bad lines are reported by the command). Messages per second is measured between successive reports at
/// least a second apart. Thread-safe: <see cref="Report"/> may run on any thread.
/// </remarks>
internal sealed class LiveHealthSource(string source, string store, LiveMarket? market, LiveFeedHub? hub, TimeProvider clock) : IHealthSource
{
    private readonly long _startedAtMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
    private readonly Lock _rateLock = new();
    private readonly Dictionary<string, (long AtMs, long Messages, double Rate)> _rates = [];

    /// <inheritdoc/>
    public HealthReport Report()
    {
        long now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var symbols = new List<SymbolHealth>();
        if (market is not null)
        {
            foreach (SymbolLatest s in market.Snapshot())
            {
                double rate = Rate(s.Symbol.Value, now, s.Messages);
                symbols.Add(new SymbolHealth(s.Symbol.Value, Connected: true, s.LastMessageWallMs is { } t ? Math.Max(0, now - t) : null, rate, s.Messages, 0, 0, 0, null, 0));
            }
        }
        var pipeline = new Dictionary<string, long>
        {
            ["trades"] = market?.Trades ?? 0,
            ["quotes"] = market?.Quotes ?? 0,
            ["bars_closed"] = market?.BarsClosed ?? 0,
            ["ws_clients"] = hub?.ClientCount ?? 0,
            ["ws_messages_sent"] = hub?.MessagesSent ?? 0,
            ["ws_messages_dropped"] = hub?.MessagesDropped ?? 0,
            ["ws_clients_disconnected_slow"] = hub?.SlowClientsDisconnected ?? 0,
        };
        return new HealthReport(source, _startedAtMs, symbols, pipeline, store, StoreHealthy: true);
    }

    private double Rate(string symbol, long nowMs, long messages)
    {
        lock (_rateLock)
        {
            if (!_rates.TryGetValue(symbol, out var last))
            {
                double sinceStart = Math.Max(1, nowMs - _startedAtMs) / 1000.0;
                _rates[symbol] = (nowMs, messages, messages / sinceStart);
                return messages / sinceStart;
            }
            if (nowMs - last.AtMs < 1_000) return last.Rate;
            double rate = (messages - last.Messages) / ((nowMs - last.AtMs) / 1000.0);
            _rates[symbol] = (nowMs, messages, rate);
            return rate;
        }
    }
}
