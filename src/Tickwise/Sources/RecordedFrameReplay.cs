using Tickwise.Binance.Book;
using Tickwise.Binance.Client;
using Tickwise.Binance.Files;
using Tickwise.Binance.Streams;
using Tickwise.Core.Market;
using Tickwise.Ingest;

namespace Tickwise.Sources;

/// <summary>
/// Plays recorded Binance frames into the pipeline: trades and quotes into the same <see cref="MarketEventIngest"/>
/// as <c>tickwise run</c>, depth snapshots and diffs into a local <see cref="OrderBook"/> per symbol.
/// </summary>
/// <remarks>
/// <para>Nothing here reads a clock: every decision comes from the frames, so the same files give the same store and
/// books on every run, at any speed. Spot <c>bookTicker</c> quotes carry no time; they are stamped with the frame's
/// receive time in ms (the recorder's clock, which can differ from the exchange's by a second or more).</para>
/// <para>A recorded REST snapshot names no symbol: it belongs to the symbol of the latest message read from the same
/// file, or, before any, to the symbol that starts the file name (<c>btcusdt_20240808.gz</c>). Partial book streams
/// (<c>@depth5/10/20</c>) are not diffs and are counted as ignored, as are klines (bars are built from trades).</para>
/// <para>Bars are closed as exchange time passes, at a watermark: the earliest of the symbols' latest trade times,
/// checked once per second of receive time. A symbol's trades arrive in time order, so no trade can land in a bar
/// already closed, whatever order the files interleave the symbols in.</para>
/// <para>A recorded REST answer (<see cref="RecordedRestLine"/>: a depth snapshot, a page of repaired trades) is
/// applied like the live client applied it. Trade ids run without gaps per symbol, and a recording keeps the
/// stream's overlap with a backfill, so a trade whose id was replayed already (per symbol, aggregated and raw ids
/// apart) is dropped and counted: each trade reaches the ingest once, in id order, as it did live.</para>
/// <para>A frame the parser rejects is reported with its file and line and skipped; it never stops the replay.
/// A book that loses synchronization is reported through the warning callback and counted in its book.</para>
/// </remarks>
internal sealed class RecordedFrameReplay
{
    private const long AdvanceEveryNs = 1_000_000_000;

    private readonly MarketEventIngest _ingest;
    private readonly Action<DumpLineError> _onBadFrame;
    private readonly Action<string> _onWarning;
    private readonly DepthUpdate _depth = new();
    private readonly Dictionary<Symbol, ReplaySymbol> _symbols = [];
    private readonly Symbol[] _fileSymbols;
    private readonly List<Trade> _page = [];
    private readonly ReplayTradeGaps? _gaps;
    private long _nextAdvanceNs = long.MinValue;
    private long _watermarkMs = long.MinValue;

    /// <param name="gaps">Where the repaired ranges and id jumps are logged for bar quality flags; null logs none.</param>
    public RecordedFrameReplay(MarketEventIngest ingest, IReadOnlyList<RecordedFrameReader> files, Action<DumpLineError> onBadFrame, Action<string> onWarning, ReplayTradeGaps? gaps = null)
    {
        _ingest = ingest;
        _gaps = gaps;
        _onBadFrame = onBadFrame;
        _onWarning = onWarning;
        _fileSymbols = new Symbol[files.Count];
        for (int i = 0; i < files.Count; i++) _fileSymbols[i] = SymbolOfFileName(files[i].FileName);
    }

    /// <summary>Frames taken.</summary>
    public long Frames { get; private set; }

    /// <summary>Frames the parser rejected (each reported).</summary>
    public long BadFrames { get; private set; }

    /// <summary>Frames that are valid but carry nothing replayed: other events, klines, partial book streams.</summary>
    public long IgnoredFrames { get; private set; }

    /// <summary>Every symbol met, in symbol order.</summary>
    public IReadOnlyList<ReplaySymbol> Symbols
    {
        get
        {
            var list = new List<ReplaySymbol>(_symbols.Values);
            list.Sort((a, b) => a.Symbol.CompareTo(b.Symbol));
            return list;
        }
    }

    /// <summary>Takes the current frame of <paramref name="source"/>.</summary>
    public void Add(RecordedFrameSource source)
    {
        RecordedFrameReader frame = source.Current;
        Frames++;
        if (RecordedRestLine.TryRead(frame.Payload, out Symbol answered, out RestAnswerKind kind, out Range data))
        {
            AddRestAnswer(source.FileIndex, frame, answered, kind, frame.Payload[data]);
            AdvanceWithReceiveTime(frame.ReceiveTimeNs);
            return;
        }
        ParseResult result = BinanceMessageParser.Parse(frame.Payload, _depth, out StreamMessage message);
        if (result.IsError)
        {
            BadFrames++;
            _onBadFrame(new DumpLineError(frame.FileName, frame.LineNumber, result.Detail));
            return;
        }
        if (!result.IsParsed)
        {
            IgnoredFrames++;
            return;
        }
        switch (message.Kind)
        {
            case StreamMessageKind.Trade or StreamMessageKind.AggTrade:
                AddTrade(source.FileIndex, message.Event, message.Kind == StreamMessageKind.AggTrade, repaired: false);
                break;
            case StreamMessageKind.Quote:
                Quote quote = message.Quote;
                if (quote.TimestampMs == 0) quote = quote with { TimestampMs = frame.ReceiveTimeNs / 1_000_000 };
                _fileSymbols[source.FileIndex] = quote.Symbol;
                StateOf(quote.Symbol).Quotes++;
                _ingest.Add(MarketEvent.Of(quote));
                break;
            case StreamMessageKind.Depth:
                _fileSymbols[source.FileIndex] = message.Depth!.Symbol;
                ApplyDepth(StateOf(message.Depth.Symbol), message.Depth, frame);
                break;
            case StreamMessageKind.DepthSnapshot when message.Depth!.Symbol.IsEmpty:
                Symbol owner = _fileSymbols[source.FileIndex];
                if (owner.IsEmpty)
                {
                    BadFrames++;
                    _onBadFrame(new DumpLineError(frame.FileName, frame.LineNumber, "a depth snapshot names no symbol, and neither the file name nor an earlier line gives one"));
                    return;
                }
                ApplyDepth(StateOf(owner), message.Depth, frame);
                break;
            default:
                IgnoredFrames++;
                break;
        }
        AdvanceWithReceiveTime(frame.ReceiveTimeNs);
    }

    private void AdvanceWithReceiveTime(long receiveTimeNs)
    {
        if (receiveTimeNs < _nextAdvanceNs) return;
        _nextAdvanceNs = receiveTimeNs + AdvanceEveryNs;
        AdvanceBars();
    }

    /// <summary>Applies a recorded REST answer: a snapshot to the symbol's book, a page of trades to the ingest.</summary>
    private void AddRestAnswer(int fileIndex, RecordedFrameReader frame, Symbol symbol, RestAnswerKind kind, ReadOnlySpan<byte> data)
    {
        _fileSymbols[fileIndex] = symbol;
        if (kind == RestAnswerKind.DepthSnapshot)
        {
            ParseResult parsed = BinanceMessageParser.Parse(data, _depth, out StreamMessage snapshot);
            if (!parsed.IsParsed || snapshot.Kind != StreamMessageKind.DepthSnapshot)
            {
                BadFrames++;
                _onBadFrame(new DumpLineError(frame.FileName, frame.LineNumber, $"a recorded depth snapshot does not parse: {(parsed.IsParsed ? "another message" : parsed.Detail)}"));
                return;
            }
            ApplyDepth(StateOf(symbol), snapshot.Depth!, frame);
            return;
        }
        _page.Clear();
        bool aggregated = kind == RestAnswerKind.AggTrades;
        bool ok = aggregated
            ? AggTradeRestParser.TryParse(data, symbol, _page, out string error)
            : HistoricalTradeRestParser.TryParse(data, symbol, _page, out error);
        if (!ok)
        {
            BadFrames++;
            _onBadFrame(new DumpLineError(frame.FileName, frame.LineNumber, $"a recorded page of repaired trades does not parse: {error}"));
            return;
        }
        foreach (Trade trade in _page) AddTrade(fileIndex, MarketEvent.Of(trade), aggregated, repaired: true);
    }

    /// <summary>Gaps are logged in one id sequence per symbol: the kind of trade (aggregated or raw) seen first.</summary>
    private static bool TracksGaps(ReplaySymbol state, bool aggregated)
    {
        state.GapsAggregated ??= aggregated;
        return state.GapsAggregated == aggregated;
    }

    /// <summary>Writes every buffered trade and the bars still open, as at the end of the files.</summary>
    public void Finish() => _ingest.Finish();

    /// <summary>Hands a new trade to the ingest (a repeated id is dropped), logging for bar quality an id jump before
    /// it and, for a trade of a recorded repair page, the trade itself as repaired.</summary>
    private void AddTrade(int fileIndex, in MarketEvent marketEvent, bool aggregated, bool repaired)
    {
        Trade trade = marketEvent.Trade;
        _fileSymbols[fileIndex] = trade.Symbol;
        ReplaySymbol state = StateOf(trade.Symbol);
        long last = aggregated ? state.LastAggTradeId : state.LastTradeId;
        if (trade.Id <= last)
        {
            state.DuplicateTrades++;
            return;
        }
        if (_gaps is not null && TracksGaps(state, aggregated))
        {
            // Id order, as the live client logs them: the ids nothing delivered (trades the recording never had), then
            // the repaired trade.
            if (last >= 0 && trade.Id > last + 1) _gaps.Add(trade.Symbol, TradeGapKind.Missing, last + 1, trade.Id - 1);
            if (repaired) _gaps.Add(trade.Symbol, TradeGapKind.Repaired, trade.Id, trade.Id);
        }
        if (aggregated) state.LastAggTradeId = trade.Id;
        else state.LastTradeId = trade.Id;
        state.Trades++;
        if (trade.TimestampMs > state.LastTradeTimeMs) state.LastTradeTimeMs = trade.TimestampMs;
        _ingest.Add(in marketEvent);
    }

    private void ApplyDepth(ReplaySymbol state, DepthUpdate depth, RecordedFrameReader frame)
    {
        state.DepthMessages++;
        if (state.Book.Apply(depth) == BookUpdateResult.Desynchronized)
            _onWarning($"{state.Symbol} order book out of sync at {frame.FileName}:{frame.LineNumber}: {state.Book.LastProblem}; waiting for a new snapshot");
    }

    private void AdvanceBars()
    {
        long watermark = long.MaxValue;
        foreach (ReplaySymbol state in _symbols.Values)
        {
            if (state.LastTradeTimeMs != long.MinValue && state.LastTradeTimeMs < watermark) watermark = state.LastTradeTimeMs;
        }
        if (watermark == long.MaxValue || watermark <= _watermarkMs) return;
        _watermarkMs = watermark;
        _ingest.AdvanceTo(watermark);
    }

    private ReplaySymbol StateOf(Symbol symbol)
    {
        if (!_symbols.TryGetValue(symbol, out ReplaySymbol? state))
        {
            state = new ReplaySymbol(symbol);
            _symbols.Add(symbol, state);
        }
        return state;
    }

    /// <summary>The symbol a file name starts with, up to <c>_</c>, <c>-</c>, <c>@</c> or <c>.</c>; empty when there is none.</summary>
    internal static Symbol SymbolOfFileName(string fileName)
    {
        int end = fileName.AsSpan().IndexOfAny("_-@.");
        ReadOnlySpan<char> prefix = end < 0 ? fileName : fileName.AsSpan(0, end);
        return Symbol.TryParse(prefix, out Symbol symbol) ? symbol : default;
    }
}
