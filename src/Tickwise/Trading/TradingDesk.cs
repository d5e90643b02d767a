using Tickwise.Backtest;
using Tickwise.Binance.Trading;
using Tickwise.Core.Market;
using Tickwise.Core.Strategies;
using Tickwise.Core.Trading;
using Tickwise.Ingest;
using Tickwise.Storage;

namespace Tickwise.Trading;

/// <summary>
/// Live trading in the pipeline: a <see cref="PaperBroker"/> fed by the live quotes and trades (or the Binance testnet's
/// <see cref="BinanceTestnetBroker"/>), the configured
/// strategies driven by closed bars through <see cref="StrategyRunner"/> (the same code as the backtest), and manual
/// orders from the API. Signals, orders, fills and positions are stored as records and handed to <c>onEvent</c>.
/// </summary>
/// <remarks>
/// <para>The pipeline thread calls the observer methods; API threads call <see cref="Place"/>, <see cref="Cancel"/> and
/// the queries. One lock serialises them: the broker and the runners are single-threaded objects, and every call is short.</para>
/// <para>The paper broker knows every streamed symbol with Binance-like permissive filters (8-decimal tick and step, no
/// minimum notional), so an order is refused only for what is wrong with it, not for filters this process cannot know.
/// The testnet broker knows the exchange's own filters, and the strategies' quantities are rounded down to its step sizes.</para>
/// <para>With the testnet broker, exchange answers are applied (<see cref="BinanceTestnetBroker.Pump"/>) on every market
/// event and at every API call, under the lock; HTTP runs on the broker's own task, so the pipeline never waits on it.
/// An API call that places or cancels waits, outside the lock, up to <see cref="AnswerWait"/> for the exchange's answer,
/// so its response says whether the exchange took, filled or refused the order.</para>
/// <para>Records are buffered and written at each bar close and on <see cref="Flush"/>: a failed write is reported
/// through <c>onError</c> and the trading goes on (the broker's state is in memory).</para>
/// </remarks>
internal sealed class TradingDesk : IMarketObserver
{
    private readonly Lock _gate = new();
    private readonly IBroker _broker;
    private readonly PaperBroker? _paper;
    private readonly BinanceTestnetBroker? _testnet;
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
    /// <param name="onError">Receives store failures and the testnet broker's warnings.</param>
    /// <param name="testnet">The broker to use instead of the paper broker (fees and slippage then come from the exchange), or null.</param>
    /// <exception cref="ArgumentException">A strategy's symbols are not streamed, or not traded by the testnet broker.</exception>
    public TradingDesk(IRecordStore? store, IReadOnlyList<Symbol> symbols, IReadOnlyList<StrategySetup> strategies, FeeModel fees, SlippageModel slippage,
        string runId, Action<TradingEvent>? onEvent = null, Action<string>? onError = null, BinanceTestnetBroker? testnet = null)
    {
        _store = store;
        _onEvent = onEvent;
        _onError = onError;
        _manualPrefix = $"manual-{runId}-";
        if (testnet is null)
        {
            var filters = new List<SymbolFilters>(symbols.Count);
            foreach (Symbol symbol in symbols) filters.Add(new SymbolFilters(symbol, TickSize: 0.00000001m, StepSize: 0.00000001m));
            _broker = _paper = new PaperBroker(filters, fees, slippage);
        }
        else
        {
            _broker = _testnet = testnet;
            testnet.OrderUpdated += order => Record(new TradingEvent(TradingEventKind.Order, Order: order, Variant: order.Request.Variant));
            testnet.Warning += message => _onError?.Invoke(message);
        }
        _broker.Filled += OnManualFill;
        foreach (StrategySetup setup in strategies)
        {
            foreach (Symbol symbol in setup.Symbols)
            {
                if (!symbols.Contains(symbol)) throw new ArgumentException($"The {setup.Strategy.Name} strategy trades {symbol}, which is not streamed; add it to --symbols.");
                if (testnet is not null && testnet.GetFilters(symbol) is null) throw new ArgumentException($"The {setup.Strategy.Name} strategy trades {symbol}, which the testnet broker does not trade.");
            }
            _runners.Add((new StrategyRunner(setup.Strategy, setup.Symbols, _broker, Record, $"{setup.Strategy.Name}-{runId}"), setup.Interval));
        }
    }

    /// <summary>How long an API call waits for the exchange's answer to the order it placed or canceled.</summary>
    public static readonly TimeSpan AnswerWait = TimeSpan.FromSeconds(5);

    /// <summary>The broker's name (paper or testnet).</summary>
    public string BrokerName => _broker.Name;

    /// <summary>The strategies run, with their symbols and interval.</summary>
    public IReadOnlyList<(StrategyRunner Runner, Interval Interval)> Runners => _runners;

    /// <inheritdoc/>
    public void OnTrade(in Trade trade)
    {
        lock (_gate)
        {
            if (_testnet is null) _paper!.OnLastPrice(trade.Symbol, trade.Price.ToDecimal(), trade.TimestampMs);
            else
            {
                _testnet.OnLastPrice(trade.Symbol, trade.Price.ToDecimal(), trade.TimestampMs);
                _testnet.Pump();
            }
        }
    }

    /// <inheritdoc/>
    public void OnQuote(in Quote quote)
    {
        lock (_gate)
        {
            if (_testnet is null) _paper!.OnQuote(in quote);
            else
            {
                _testnet.OnQuote(in quote);
                _testnet.Pump();
            }
        }
    }

    /// <inheritdoc/>
    public void OnBarClosed(in Bar bar)
    {
        lock (_gate)
        {
            _testnet?.Pump();
            foreach (var (runner, interval) in _runners)
                if (bar.Interval == interval) runner.OnBar(in bar);
            FlushLocked();
        }
    }

    /// <summary>Places a manual order (the API's POST /api/orders) with the desk's broker; with the testnet broker, waits
    /// up to <see cref="AnswerWait"/> for the exchange's answer.</summary>
    /// <returns>The order: filled, resting (limit), rejected with a reason, or still new when the exchange has not answered.</returns>
    public Order Place(Symbol symbol, OrderSide side, OrderType type, Quantity quantity, Price? limitPrice)
    {
        Order order;
        lock (_gate)
        {
            _testnet?.Pump();
            string clientId = _manualPrefix + (++_manualOrders).ToString(System.Globalization.CultureInfo.InvariantCulture);
            order = _broker.Place(new OrderRequest(clientId, symbol, side, type, quantity, limitPrice, "manual", null));
            Record(new TradingEvent(TradingEventKind.Order, Order: order));
            FlushLocked();
        }
        if (order.IsOpen) AwaitExchange(order.Id);
        return order;
    }

    /// <summary>Cancels an open order by its broker id.</summary>
    /// <returns>The order after the attempt, or null when no such order exists.</returns>
    /// <remarks>With the testnet broker the cancel is recorded when the exchange confirms it; this waits up to
    /// <see cref="AnswerWait"/> for that.</remarks>
    public Order? Cancel(long orderId)
    {
        Order? order;
        bool requested;
        lock (_gate)
        {
            _testnet?.Pump();
            order = _broker.GetOrder(orderId);
            if (order is null) return null;
            requested = _broker.Cancel(orderId);
            if (requested && _testnet is null)
            {
                Record(new TradingEvent(TradingEventKind.Order, Order: order));
                FlushLocked();
            }
        }
        if (requested) AwaitExchange(orderId);
        return order;
    }

    /// <summary>Returns one order by its broker id, or null.</summary>
    public Order? GetOrder(long orderId)
    {
        lock (_gate)
        {
            _testnet?.Pump();
            return _broker.GetOrder(orderId);
        }
    }

    /// <summary>Every strategy variant's position per symbol, with its P&amp;L at the latest prices.</summary>
    public IReadOnlyList<PositionSnapshot> Positions()
    {
        lock (_gate)
        {
            _testnet?.Pump();
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
        lock (_gate)
        {
            _testnet?.Pump();
            FlushLocked();
        }
    }

    /// <summary>At the end of a run: waits up to <paramref name="timeout"/> until the testnet broker has sent everything
    /// and heard back, then applies the answers and writes the records.</summary>
    /// <returns>False when requests were still unanswered at the timeout (true with the paper broker).</returns>
    public bool Settle(TimeSpan timeout)
    {
        bool idle = _testnet is null || _testnet.WaitForIdle(timeout);
        Flush();
        return idle;
    }

    private void AwaitExchange(long orderId)
    {
        if (_testnet is null) return;
        long deadline = Environment.TickCount64 + (long)AnswerWait.TotalMilliseconds;
        while (true)
        {
            lock (_gate)
            {
                _testnet.Pump();
                FlushLocked();
                if (!_testnet.IsAwaitingExchange(orderId)) return;
            }
            if (Environment.TickCount64 >= deadline) return;
            Thread.Sleep(10);
        }
    }

    private void OnManualFill(Order order, Fill fill)
    {
        // Strategy fills reach their runner (which records them); a manual order's fill is recorded here.
        if (!order.Request.ClientOrderId.StartsWith(_manualPrefix, StringComparison.Ordinal)) return;
        Record(new TradingEvent(TradingEventKind.Fill, Order: order, Fill: fill));
        // The testnet broker reports the order's new state itself (OrderUpdated), once all of an answer's fills are in.
        if (_testnet is null) Record(new TradingEvent(TradingEventKind.Order, Order: order));
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
