using Tickwise.Core.Market;

namespace Tickwise.Binance.Client;

/// <summary>Delivers each symbol's trades (aggregated or raw, whichever stream is subscribed) exactly once and in id
/// order, filling gaps over REST before the live trade behind them.</summary>
/// <remarks>
/// <para>Aggregated trades are fetched from <c>/aggTrades</c>, raw trades from <c>/historicalTrades</c> (see
/// <see cref="BinanceRestClient"/>); both take <c>fromId</c> and <c>limit</c> and list ids in order.
/// Binance numbers a symbol's trades of either kind without gaps, so a live trade whose id is beyond the last
/// delivered id + 1 means trades were missed (a reconnect, a dropped frame). The missing range is fetched page by
/// page (<c>fromId</c>, <c>limit</c>) and delivered first; a trade at or below the last delivered id is a duplicate
/// (the stream overlapping a backfill) and is dropped. After a reconnect, <see cref="CatchUpAsync"/> fetches
/// everything after the last delivered id before live frames are read, so a feed that stays quiet after a
/// reconnect still lands what happened while it was away.</para>
/// <para>A page that fails is retried (<c>attempts</c> times, waits doubling from <c>retryDelay</c>; rate-limit waits
/// are the REST client's and do not count); when every attempt fails the range is counted as lost, reported, and
/// the live trade still goes downstream, so a broken REST API cannot stall the feed for ever. Not thread-safe: the
/// receive loop owns it.</para>
/// </remarks>
public sealed class TradeSequencer
{
    private readonly BinanceRestClient _rest;
    private readonly int _pageLimit;
    private readonly int _attempts;
    private readonly TimeSpan _retryDelay;
    private readonly TimeProvider _time;
    private readonly Action<StreamNotice> _onNotice;
    private readonly Dictionary<Symbol, StreamSymbolStatus> _symbols;
    private readonly List<Trade> _page;
    private readonly bool _aggregated;
    private readonly string _what;
    private readonly LiveState? _live;

    /// <summary>Creates a sequencer for the symbols of <paramref name="statuses"/>, which it keeps up to date.</summary>
    /// <param name="rest">Where missing trades are fetched.</param>
    /// <param name="statuses">The symbols, whose last delivered ids this sequencer keeps.</param>
    /// <param name="aggregated">True for aggregated trades (<c>aggTrade</c>), false for raw trades (<c>trade</c>).</param>
    /// <param name="pageLimit">Trades asked for per REST page (1..1000).</param>
    /// <param name="attempts">Attempts per page before a gap is counted as lost.</param>
    /// <param name="retryDelay">The first wait between attempts, doubled after each.</param>
    /// <param name="time">The clock the waits run on.</param>
    /// <param name="onNotice">Receives repairs and losses; may be null.</param>
    /// <param name="live">The connection's live state, marked interrupted while a gap between live trades is filled; may be null.</param>
    /// <exception cref="ArgumentOutOfRangeException">A limit, count or delay is out of range.</exception>
    public TradeSequencer(BinanceRestClient rest, IReadOnlyList<StreamSymbolStatus> statuses, bool aggregated, int pageLimit, int attempts, TimeSpan retryDelay, TimeProvider time, Action<StreamNotice>? onNotice = null, LiveState? live = null)
    {
        _live = live;
        _aggregated = aggregated;
        _what = aggregated ? "aggregated trades" : "trades";
        ArgumentNullException.ThrowIfNull(rest);
        ArgumentNullException.ThrowIfNull(statuses);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageLimit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageLimit, 1000);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        if (retryDelay <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(retryDelay), retryDelay, "Must be positive.");
        _rest = rest;
        _pageLimit = pageLimit;
        _attempts = attempts;
        _retryDelay = retryDelay;
        _time = time;
        _onNotice = onNotice ?? (_ => { });
        _symbols = new Dictionary<Symbol, StreamSymbolStatus>(statuses.Count);
        foreach (StreamSymbolStatus status in statuses) _symbols.Add(status.Symbol, status);
        _page = new List<Trade>(pageLimit);
    }

    /// <summary>Takes one live trade: delivers the missing trades before it, then it; drops it when already delivered.</summary>
    /// <exception cref="ArgumentException">The trade's symbol is not one of this sequencer's.</exception>
    public async ValueTask OnLiveAsync(Trade trade, Func<MarketEvent, CancellationToken, ValueTask> deliver, CancellationToken cancellationToken)
    {
        StreamSymbolStatus status = StatusOf(trade.Symbol);
        long last = status.LastTradeId;
        if (last >= 0)
        {
            if (trade.Id <= last)
            {
                status.OnDuplicate();
                return;
            }
            if (trade.Id > last + 1)
            {
                // Older trades are on their way: bars must not close on the clock meanwhile (see LiveState). Live
                // again only once they are delivered; a fill that throws ends the connection, which stays interrupted.
                _live?.MarkInterrupted();
                long repaired = await FillAsync(status, last + 1, trade.Id - 1, deliver, cancellationToken).ConfigureAwait(false);
                if (repaired > 0) status.OnGapRepaired(repaired);
                _live?.MarkLive();
            }
        }
        await deliver(MarketEvent.Of(trade), cancellationToken).ConfigureAwait(false);
        status.OnDelivered(trade.Id);
    }

    /// <summary>Fetches and delivers every trade after the last delivered one, for each symbol that has delivered any
    /// (a symbol never seen has no known start, so it starts at its first live trade).</summary>
    public async Task CatchUpAsync(Func<MarketEvent, CancellationToken, ValueTask> deliver, CancellationToken cancellationToken)
    {
        foreach (StreamSymbolStatus status in _symbols.Values)
        {
            long last = status.LastTradeId;
            if (last < 0) continue;
            long fetched = await FillAsync(status, last + 1, long.MaxValue, deliver, cancellationToken).ConfigureAwait(false);
            if (fetched > 0) status.OnGapRepaired(fetched);
        }
    }

    /// <summary>Sets the last delivered id of <paramref name="symbol"/>, so that the first live trade (or a catch-up)
    /// fills the gap since then: resuming a store after a restart.</summary>
    /// <exception cref="ArgumentException">The symbol is not one of this sequencer's.</exception>
    public void Resume(Symbol symbol, long lastTradeId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lastTradeId);
        StatusOf(symbol).OnDelivered(lastTradeId);
    }

    private StreamSymbolStatus StatusOf(Symbol symbol) =>
        _symbols.TryGetValue(symbol, out StreamSymbolStatus? status) ? status : throw new ArgumentException($"{symbol} is not subscribed.", nameof(symbol));

    /// <summary>Delivers ids <paramref name="fromId"/>..<paramref name="toId"/> (inclusive; <see cref="long.MaxValue"/>:
    /// until the history ends) and returns how many were delivered.</summary>
    private async Task<long> FillAsync(StreamSymbolStatus status, long fromId, long toId, Func<MarketEvent, CancellationToken, ValueTask> deliver, CancellationToken cancellationToken)
    {
        long next = fromId;
        long delivered = 0;
        int shortPages = 0;
        while (next <= toId)
        {
            _page.Clear();
            long pageStart = next;
            int count = await FetchPageAsync(status.Symbol, next, cancellationToken).ConfigureAwait(false);
            if (count < 0) break;
            LogPage(status, next, toId);
            foreach (Trade trade in _page)
            {
                if (trade.Id < next) continue; // a page overlapping what was delivered
                if (trade.Id > toId) break; // the live trade and what follows come from the stream
                await deliver(MarketEvent.Of(trade), cancellationToken).ConfigureAwait(false);
                status.OnDelivered(trade.Id);
                next = trade.Id + 1;
                delivered++;
            }
            if (count >= _pageLimit && next > pageStart) continue;
            if (count >= _pageLimit) break; // a full page of nothing new: the server ignores fromId; stop rather than loop
            if (toId == long.MaxValue) break; // caught up with the history
            // The stream showed trades that REST does not list yet: its history lags the stream by a moment.
            if (++shortPages >= _attempts) break;
            await Task.Delay(_retryDelay, _time, cancellationToken).ConfigureAwait(false);
        }
        if (toId != long.MaxValue && next <= toId)
        {
            status.OnLost(next, toId);
            _onNotice(new StreamNotice(StreamNoticeKind.GapLost, $"{status.Symbol}: {_what} {next}..{toId} could not be fetched and are missing", TimeSpan.Zero));
        }
        else if (delivered > 0)
        {
            _onNotice(new StreamNotice(StreamNoticeKind.GapRepaired, $"{status.Symbol}: {delivered} missed {_what} fetched over REST ({fromId}..{next - 1})", TimeSpan.Zero));
        }
        return delivered;
    }

    /// <summary>Logs the page's runs of contiguous ids from <paramref name="next"/> to <paramref name="toId"/> as repaired
    /// and the holes between them (the exchange's own history lacks them) as lost, before any of them is delivered.</summary>
    private void LogPage(StreamSymbolStatus status, long next, long toId)
    {
        long runStart = -1, expected = next;
        foreach (Trade trade in _page)
        {
            if (trade.Id < expected) continue;
            if (trade.Id > toId) break;
            if (trade.Id > expected)
            {
                if (runStart >= 0) status.OnRepairing(runStart, expected - 1);
                status.OnLost(expected, trade.Id - 1);
                runStart = -1;
            }
            if (runStart < 0) runStart = trade.Id;
            expected = trade.Id + 1;
        }
        if (runStart >= 0) status.OnRepairing(runStart, expected - 1);
    }

    /// <summary>Fills <see cref="_page"/> from <paramref name="fromId"/>; returns the page length, or -1 when every attempt failed.</summary>
    private async Task<int> FetchPageAsync(Symbol symbol, long fromId, CancellationToken cancellationToken)
    {
        TimeSpan wait = _retryDelay;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return _aggregated
                    ? await _rest.GetAggTradesAsync(symbol, fromId, _pageLimit, _page, cancellationToken).ConfigureAwait(false)
                    : await _rest.GetHistoricalTradesAsync(symbol, fromId, _pageLimit, _page, cancellationToken).ConfigureAwait(false);
            }
            catch (BinanceRestException e) when (attempt < _attempts)
            {
                _onNotice(new StreamNotice(StreamNoticeKind.RestRetry, $"{symbol} backfill from {fromId}: {e.Message}; retrying in {DurationText.Of(wait)}", wait));
            }
            catch (BinanceRestException e)
            {
                _onNotice(new StreamNotice(StreamNoticeKind.GapLost, $"{symbol} backfill from {fromId}: {e.Message}; giving up after {_attempts} attempts", TimeSpan.Zero));
                return -1;
            }
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            wait *= 2;
        }
    }
}
