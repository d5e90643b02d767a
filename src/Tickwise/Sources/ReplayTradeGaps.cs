using Tickwise.Binance.Client;
using Tickwise.Core.Market;

namespace Tickwise.Sources;

/// <summary>A replay's trade gaps per symbol, for <see cref="Ingest.BarQualityTracker"/>: the trades the recording's
/// REST lines repaired, and id jumps that nothing repaired (trades the recording never had).</summary>
/// <remarks>The replay logs each gap before it delivers the trades after it, in id order, as the live client does, so
/// the tracker flags as repaired the bars the live run flagged, and as gaps what the live run lost or the recorder
/// missed. Not thread-safe: the replay's thread owns it.</remarks>
internal sealed class ReplayTradeGaps
{
    private readonly Dictionary<Symbol, Log> _logs = [];

    /// <summary>The gap log of <paramref name="symbol"/> (created on first use).</summary>
    public ITradeGapLog Of(Symbol symbol) => LogOf(symbol);

    /// <summary>Logs ids <paramref name="fromId"/> to <paramref name="toId"/> of <paramref name="symbol"/>.</summary>
    public void Add(Symbol symbol, TradeGapKind kind, long fromId, long toId) => LogOf(symbol).Gaps.Enqueue(new TradeGap(kind, fromId, toId));

    private Log LogOf(Symbol symbol)
    {
        if (!_logs.TryGetValue(symbol, out Log? log))
        {
            log = new Log();
            _logs.Add(symbol, log);
        }
        return log;
    }

    private sealed class Log : ITradeGapLog
    {
        public Queue<TradeGap> Gaps { get; } = new();

        public bool TryTakeGap(out TradeGap gap) => Gaps.TryDequeue(out gap);
    }
}
