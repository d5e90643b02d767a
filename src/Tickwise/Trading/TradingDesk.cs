using Tickwise.Backtest;
using Tickwise.Core.Market;
using Tickwise.Core.Strategies;
using Tickwise.Core.Trading;
using Tickwise.Ingest;
using Tickwise.Storage;

namespace Tickwise.Trading;

/// <summary>
/// Live trading in the pipeline: a <see cref="PaperBroker"/> fed by the live quotes and trades, the configured
/// strategies driven by closed bars through <see cref="StrategyRunner"/> (the same code as the backtest), and manual
/// orders from the API. Signals, orders, fills and positions are stored as records and handed to <c>onEvent</c>.
/// </summary>
/// <remarks>
/// <para>The pipeline thread calls the observer methods; API threads call <see cref="Place"/>, <see cref="Cancel"/> and
/// the queries. One lock serialises them: the broker and the runners are single-threaded objects, and every call is short.</para>
/// <para>The paper broker knows every streamed symbol with Binance-like permissive filters (8-decimal tick and step, no
/// minimum notional), so an order is refused only for what is wrong with it, not for filters this process cannot know.</para>
/// <para>Records are buffered and written at each bar close and on <see cref="Flush"/>: a failed write is reported
/// through <c>onError</c> and the trading goes on (the broker's state is in memory).</para>
/// </remarks>
internal sealed class TradingDesk : IMarketObserver
{
    private readonly Lock _gate = new();
    private readonly PaperBroker _broker;
    private readonly List<(StrategyRunner Runner, Interval Interval)> _runners = [];
    private readonly IRecordStore? _store;
    private readonly Action<TradingEvent>? _onEvent;
    private readonly Action<string>? _onError;
    private readonly List<StoredRecord> _pending = [];
    private readonly string _manualPrefix;
    private long _manualOrders;

    /// <summary>Creates the desk.</summary>
    /// <param name="store">Where records go, or null.</param>
    /// <param name="symbols">Every symbol the pipeline streams (the broker's universe).</param>
    /// <param name="strategies">The strategies to run.</param>
    /// <param name="fees">Fee model of the paper broker.</param>
    /// <param name="slippage">Slippage model of the paper broker.</param>
    /// <param name="runId">Unique to this run: prefixes client order ids, so records of different runs never collide.</param>
    /// <param name="onEvent">Receives every signal, order, fill and position, on the thread that caused it.</param>
    /// <param name="onError">Receives store failures.</param>
    /// <exception cref="ArgumentException">A strategy's symbols are not streamed.</exception>
    public TradingDesk(IRecordStore? store, IReadOnlyList<Symbol> symbols, IReadOnlyList<StrategySetup> strategies, FeeModel fees, SlippageModel slippage,
        string runId, Action<TradingEvent>? onEvent = null, Action<string>? onError = null)
    {
        _store = store;
        _onEvent = onEvent;
        _onError = onError;
        _manualPrefix = $"manual-{runId}-";
        var filters = new List<SymbolFilters>(symbols.Count);
        foreach (Symbol symbol in symbols) filters.Add(new SymbolFilters(symbol, TickSize: 0.00000001m, StepSize: 0.00000001m));
        _broker = new PaperBroker(filters, fees, slippage);
        _broker.Filled += OnManualFill;
        foreach (StrategySetup setup in strategies)
        {
            foreach (Symbol symbol in setup.Symbols)
                if (!symbols.Contains(symbol)) throw new ArgumentException($"The {setup.Strategy.Name} strategy trades {symbol}, which is not streamed; add it to --symbols.");
            _runners.Add((new StrategyRunner(setup.Strategy, setup.Symbols, _broker, Record, $"{setup.Strategy.Name}-{runId}"), setup.Interval));
        }
    }

    /// <summary>The broker's name (paper).</summary>
    public string BrokerName => _broker.Name;

    /// <summary>The strategies run, with their symbols and interval.</summary>
    public IReadOnlyList<(StrategyRunner Runner, Interval Interval)> Runners => _runners;

    /// <inheritdoc/>
    public void OnTrade(in Trade trade)
    {
        lock (_gate) _broker.OnLastPrice(trade.Symbol, trade.Price.ToDecimal(), trade.TimestampMs);
    }

    /// <inheritdoc/>
    public void OnQuote(in Quote quote)
    {
        lock (_gate) _broker.OnQuote(in quote);
    }

    /// <inheritdoc/>
    public void OnBarClosed(in Bar bar)
    {
        lock (_gate)
        {
            foreach (var (runner, interval) in _runners)
                if (bar.Interval == interval) runner.OnBar(in bar);
            FlushLocked();
        }
    }

    /// <summary>Places a manual order (the API's POST /api/orders) with the paper broker.</summary>
    /// <returns>The order: filled, resting (limit) or rejected with a reason.</returns>
    public Order Place(Symbol symbol, OrderSide side, OrderType type, Quantity quantity, Price? limitPrice)
    {
        lock (_gate)
        {
            string clientId = _manualPrefix + (++_manualOrders).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Order order = _broker.Place(new OrderRequest(clientId, symbol, side, type, quantity, limitPrice, "manual", null));
            Record(new TradingEvent(TradingEventKind.Order, Order: order));
            FlushLocked();
            return order;
        }
    }

    /// <summary>Cancels an open order by its broker id.</summary>
    /// <returns>The order after the attempt, or null when no such order exists.</returns>
    public Order? Cancel(long orderId)
    {
        lock (_gate)
        {
            Order? order = _broker.GetOrder(orderId);
            if (order is null) return null;
            if (_broker.Cancel(orderId))
            {
                Record(new TradingEvent(TradingEventKind.Order, Order: order));
                FlushLocked();
            }
            return order;
        }
    }

    /// <summary>Returns one order by its broker id, or null.</summary>
    public Order? GetOrder(long orderId)
    {
        lock (_gate) return _broker.GetOrder(orderId);
    }

    /// <summary>Every strategy variant's position per symbol, with its P&amp;L at the latest prices.</summary>
    public IReadOnlyList<PositionSnapshot> Positions()
    {
        lock (_gate)
        {
            var positions = new List<PositionSnapshot>();
            foreach (var (runner, _) in _runners)
                for (int variant = 0; variant < runner.Strategy.Variants.Count; variant++)
                    for (int leg = 0; leg < runner.Symbols.Count; leg++)
                        positions.Add(runner.Snapshot(variant, leg));
            return positions;
        }
    }

    /// <summary>Writes the buffered records.</summary>
    public void Flush()
    {
        lock (_gate) FlushLocked();
    }

    private void OnManualFill(Order order, Fill fill)
    {
        // Strategy fills reach their runner (which records them); a manual order's fill is recorded here.
        if (!order.Request.ClientOrderId.StartsWith(_manualPrefix, StringComparison.Ordinal)) return;
        Record(new TradingEvent(TradingEventKind.Fill, Order: order, Fill: fill));
        Record(new TradingEvent(TradingEventKind.Order, Order: order));
    }

    private void Record(TradingEvent e)
    {
        if (_store is not null) _pending.Add(TradingRecords.ToRecord(e));
        _onEvent?.Invoke(e);
    }

    private void FlushLocked()
    {
        if (_pending.Count == 0 || _store is null) return;
        try
        {
            _store.PutRecords(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_pending));
        }
        catch (StoreException e)
        {
            _onError?.Invoke($"{_pending.Count} trading records not stored: {e.Message}");
        }
        _pending.Clear();
    }
}
