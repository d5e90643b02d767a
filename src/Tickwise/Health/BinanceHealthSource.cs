using Tickwise.Binance.Client;
using Tickwise.Sources;

namespace Tickwise.Health;

/// <summary>The health of a live <see cref="BinanceSource"/>: per-symbol connection, last message age, messages per
/// second, gaps and trades repaired, parse errors and book state, read from the stream clients' counters.</summary>
/// <remarks>
/// <para>The receive path only increments counters (no allocation, O(1) per message); this object turns them into a
/// <see cref="HealthReport"/> when asked, computing the rates over the last few seconds (<see cref="MessageRate"/>).
/// Ages are receive-clock milliseconds.</para>
/// <para><see cref="SymbolHealth.Dropped"/> is 0 for every symbol: the source waits on a full channel instead of
/// dropping (the store never drops). Source-wide counters (connections, rollovers, parse errors whatever their
/// symbol, duplicates dropped, trades lost, book resyncs) are in <see cref="HealthReport.Pipeline"/>, with whatever
/// <see cref="Pipeline"/> adds.</para>
/// <para>Thread-safe: call <see cref="Report"/> from any thread.</para>
/// </remarks>
internal sealed class BinanceHealthSource : IHealthSource
{
    private readonly BinanceSource _source;
    private readonly TimeProvider _time;
    private readonly StreamSymbolStatus[] _statuses;
    private readonly BinanceStreamClient[] _clientOf;
    private readonly MessageRate _rate;

    /// <summary>Creates the health of <paramref name="source"/>, started now.</summary>
    public BinanceHealthSource(BinanceSource source, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(time);
        _source = source;
        _time = time;
        var statuses = new List<StreamSymbolStatus>();
        var clients = new List<BinanceStreamClient>();
        foreach (BinanceStreamClient client in source.Clients)
        {
            foreach (StreamSymbolStatus status in client.Symbols)
            {
                statuses.Add(status);
                clients.Add(client);
            }
        }
        _statuses = [.. statuses];
        _clientOf = [.. clients];
        _rate = new MessageRate(time, _statuses.Length, Messages());
        StartedAtMs = time.GetUtcNow().ToUnixTimeMilliseconds();
    }

    /// <summary>When the source started (Unix ms).</summary>
    public long StartedAtMs { get; }

    /// <summary>Gets or sets the store's description (a path or a redacted URL) for the report.</summary>
    public string Store { get; set; } = "";

    /// <summary>Gets or sets what reports whether the store accepted its last write; null: healthy.</summary>
    public Func<bool>? StoreHealthy { get; set; }

    /// <summary>Gets or sets what adds the pipeline's own counters (trades, quotes, bars written, queue depth, ...).</summary>
    public Func<IReadOnlyDictionary<string, long>>? Pipeline { get; set; }

    /// <summary>The per-symbol counters, in the order of <see cref="HealthReport.Symbols"/>.</summary>
    public IReadOnlyList<StreamSymbolStatus> Statuses => _statuses;

    /// <inheritdoc/>
    public HealthReport Report()
    {
        long nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        long[] messages = Messages();
        var rates = new double[messages.Length];
        _rate.Compute(messages, rates);
        var symbols = new SymbolHealth[_statuses.Length];
        for (int i = 0; i < symbols.Length; i++)
        {
            StreamSymbolStatus s = _statuses[i];
            BinanceStreamClient client = _clientOf[i];
            long last = s.LastMessageMs;
            symbols[i] = new SymbolHealth(
                s.Symbol.Value,
                client.IsConnected,
                last == long.MinValue ? null : Math.Max(0, nowMs - last),
                rates[i],
                messages[i],
                s.GapsRepaired,
                s.TradesRepaired,
                s.ParseErrors,
                client.HasBooks ? s.BookSynchronized : null,
                Dropped: 0);
        }
        return new HealthReport("binance", StartedAtMs, symbols, PipelineCounters(), Store, StoreHealthy?.Invoke() ?? true);
    }

    private Dictionary<string, long> PipelineCounters()
    {
        long duplicates = 0, lost = 0, resyncs = 0;
        foreach (StreamSymbolStatus s in _statuses)
        {
            duplicates += s.DuplicatesDropped + s.DuplicateQuotes;
            lost += s.TradesLost;
            resyncs += s.BookGaps;
        }
        var counters = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["connections"] = Sum(static c => c.Connections),
            ["rollovers"] = Sum(static c => c.Rollovers),
            ["messages"] = Sum(static c => c.Messages),
            ["parse_errors"] = Sum(static c => c.ParseErrors),
            ["ignored"] = Sum(static c => c.Ignored),
            ["binary_frames"] = Sum(static c => c.BinaryFrames),
            ["oversized"] = Sum(static c => c.OversizedMessages),
            ["unexpected_symbols"] = Sum(static c => c.UnexpectedSymbols),
            ["duplicates_dropped"] = duplicates,
            ["trades_lost"] = lost,
            ["book_resyncs"] = resyncs,
        };
        if (Pipeline?.Invoke() is { } more)
            foreach (var (name, value) in more) counters[name] = value;
        return counters;
    }

    private long[] Messages()
    {
        var messages = new long[_statuses.Length];
        for (int i = 0; i < messages.Length; i++) messages[i] = _statuses[i].Messages;
        return messages;
    }

    private long Sum(Func<BinanceStreamClient, long> counter)
    {
        long total = 0;
        foreach (BinanceStreamClient client in _source.Clients) total += counter(client);
        return total;
    }
}
