using System.Globalization;
using Tickwise.Core.Backtest;
using Tickwise.Core.Market;
using Tickwise.Core.Trading;

namespace Tickwise.Core.Strategies;

/// <summary>Drives one strategy with closed bars, one at a time, and turns its targets into market orders on a broker:
/// the same loop live (with a <see cref="PaperBroker"/> or a testnet broker) and in the backtest.</summary>
/// <remarks>
/// <para>Bars of symbols the runner does not trade are ignored. For a pair, the runner waits until it holds both symbols'
/// bars of the same open time and then calls the strategy; a bar older than the one it waits on is ignored, a newer one
/// starts a new wait (a minute one leg missed is skipped, as the backtest's alignment skips it).</para>
/// <para>A target change orders the difference from the previous target at once; a rejected order restores the previous
/// target and is reported with its reason. Each variant keeps its own <see cref="Position"/> per symbol, built from the
/// fills of its own orders (orders carry the strategy and variant names).</para>
/// <para>Events go to the callback in the order they happen (an order before its fills, a fill before the position it
/// changes). Without a callback nothing is allocated for them. Not thread-safe.</para>
/// <para>The backtest engine drives it with a <see cref="BacktestBroker"/> instead (internal constructor): the same
/// targets, rounding and rejections, but orders go to the broker as (variant, symbol, side, quantity) without client id,
/// request or order objects, and fills come back by index. Then the runner reports signals and fills only, straight to
/// a <see cref="BacktestRecorder"/> with the variant's and symbol's indices (or as fill and signal events): no order
/// events, as there are no order objects, and no position snapshots, which the engine does not read.</para>
/// <para>A broker that answers later (the testnet broker) returns an order still open; when it is later rejected or
/// canceled, the runner takes its unfilled quantity off the target before it sizes the next order, so the
/// target never counts a position the fills did not build. When the broker gives the symbol's filters
/// (<see cref="IBroker.GetFilters"/>), quantities are rounded down to the step size here, where the target is kept, so
/// the target is exactly what was ordered; an order that rounds to zero is rejected without reaching the broker.</para>
/// </remarks>
public sealed class StrategyRunner : IStrategyContext
{
    private readonly IStrategy _strategy;
    private readonly Symbol[] _symbols;
    private readonly IBroker? _broker;
    private readonly BacktestBroker? _simulated;
    private readonly Action<TradingEvent>? _onEvent;
    private readonly BacktestRecorder? _recorder;
    private readonly string _clientIdPrefix;
    private readonly Position[] _positions;
    private readonly decimal[] _targets;
    private readonly long[] _lastCloseRaw; // raw, converted to decimal only when read: a backtest sets it every bar
    private readonly Bar[] _row;
    private readonly bool[] _have;
    private readonly List<TradingEvent> _heldFills = [];
    private readonly List<(Order Order, int Index)> _unsettled = [];
    private long _waitingOpenMs = long.MinValue;
    private long _orderCount;
    private long _lastTimeMs;
    private bool _placing;
    private bool _hasBars;

    /// <summary>Creates a runner of <paramref name="strategy"/> on <paramref name="symbols"/> through <paramref name="broker"/>.</summary>
    /// <param name="strategy">The strategy.</param>
    /// <param name="symbols">Its symbols, in the order it expects them (leg A, then leg B).</param>
    /// <param name="broker">Where orders go.</param>
    /// <param name="onEvent">Receives signals, orders, fills and positions; may be null.</param>
    /// <param name="clientIdPrefix">Starts every client order id, so that runs sharing a broker do not collide.</param>
    /// <param name="initialEquity">Each variant's starting capital, quote currency (the strategies size from it).</param>
    /// <exception cref="ArgumentException">The number of symbols is not the strategy's, or a symbol repeats.</exception>
    public StrategyRunner(IStrategy strategy, IReadOnlyList<Symbol> symbols, IBroker broker, Action<TradingEvent>? onEvent = null, string? clientIdPrefix = null, decimal initialEquity = 10_000m)
        : this(strategy, symbols, broker ?? throw new ArgumentNullException(nameof(broker)), null, onEvent, clientIdPrefix, initialEquity)
    {
    }

    /// <summary>Creates a runner on the backtest's broker that reports signals and fills as <see cref="TradingEvent"/>s.</summary>
    internal StrategyRunner(IStrategy strategy, IReadOnlyList<Symbol> symbols, BacktestBroker broker, Action<TradingEvent>? onEvent, decimal initialEquity)
        : this(strategy, symbols, null, broker ?? throw new ArgumentNullException(nameof(broker)), onEvent, null, initialEquity)
    {
    }

    /// <summary>Creates the backtest's runner: orders go to <paramref name="broker"/> (which takes no other runner); signals
    /// and fills go to <paramref name="recorder"/>, with the variant's and symbol's indices.</summary>
    internal StrategyRunner(IStrategy strategy, IReadOnlyList<Symbol> symbols, BacktestBroker broker, BacktestRecorder? recorder, decimal initialEquity)
        : this(strategy, symbols, null, broker ?? throw new ArgumentNullException(nameof(broker)), null, null, initialEquity)
    {
        _recorder = recorder;
    }

    private StrategyRunner(IStrategy strategy, IReadOnlyList<Symbol> symbols, IBroker? broker, BacktestBroker? simulated, Action<TradingEvent>? onEvent, string? clientIdPrefix, decimal initialEquity)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(symbols);
        if (symbols.Count != strategy.SymbolCount)
            throw new ArgumentException($"The {strategy.Name} strategy trades {strategy.SymbolCount} symbol(s); {symbols.Count} given.", nameof(symbols));
        if (symbols.Distinct().Count() != symbols.Count) throw new ArgumentException("A symbol is given twice.", nameof(symbols));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initialEquity);
        InitialEquity = initialEquity;
        _strategy = strategy;
        _symbols = [.. symbols];
        _broker = broker;
        _simulated = simulated;
        _onEvent = onEvent;
        _clientIdPrefix = (clientIdPrefix ?? strategy.Name) + "-";
        int variants = strategy.Variants.Count;
        _positions = new Position[variants * _symbols.Length];
        for (int i = 0; i < _positions.Length; i++) _positions[i] = new Position(_symbols[i % _symbols.Length]);
        _targets = new decimal[_positions.Length];
        _lastCloseRaw = new long[_symbols.Length];
        _row = new Bar[_symbols.Length];
        _have = new bool[_symbols.Length];
        if (simulated is not null) simulated.SetFillHandler(OnSimulatedFill);
        else broker!.Filled += OnFill;
    }

    /// <summary>The strategy driven.</summary>
    public IStrategy Strategy => _strategy;

    /// <summary>The symbols, in the strategy's order.</summary>
    public IReadOnlyList<Symbol> Symbols => _symbols;

    /// <summary>Each variant's starting capital.</summary>
    public decimal InitialEquity { get; }

    /// <summary>Orders placed so far.</summary>
    public long OrderCount => _orderCount;

    /// <summary>Takes a closed bar of any symbol; calls the strategy when a full row of bars of one open time is in.</summary>
    /// <returns>True when the strategy was called.</returns>
    public bool OnBar(in Bar bar)
    {
        int s = Array.IndexOf(_symbols, bar.Symbol);
        if (s < 0 || bar.OpenTimeMs < _waitingOpenMs) return false;
        if (bar.OpenTimeMs > _waitingOpenMs)
        {
            Array.Clear(_have);
            _waitingOpenMs = bar.OpenTimeMs;
        }
        _row[s] = bar;
        _have[s] = true;
        foreach (bool have in _have)
            if (!have) return false;
        Array.Clear(_have);
        _waitingOpenMs = bar.OpenTimeMs + 1; // this open time is done; its repeats are ignored
        OnAlignedBars(_row);
        return true;
    }

    /// <summary>Takes one closed bar per symbol, in the strategy's order, all of one open time, and calls the strategy.</summary>
    /// <remarks>The caller guarantees the alignment (the backtest does); the bars' symbols are not checked again.</remarks>
    /// <exception cref="ArgumentException">The number of bars is not the number of symbols.</exception>
    public void OnAlignedBars(ReadOnlySpan<Bar> bars)
    {
        if (bars.Length != _symbols.Length) throw new ArgumentException($"{_symbols.Length} bars expected, {bars.Length} given.", nameof(bars));
        for (int s = 0; s < bars.Length; s++) _lastCloseRaw[s] = bars[s].Close.Raw;
        _hasBars = true;
        _lastTimeMs = bars[0].OpenTimeMs + bars[0].Interval.Milliseconds;
        _strategy.OnBars(bars, this);
    }

    /// <summary>Returns the position of <paramref name="variant"/> in the <paramref name="symbolIndex"/>-th symbol.</summary>
    public Position GetPosition(int variant, int symbolIndex) => _positions[variant * _symbols.Length + symbolIndex];

    /// <summary>Returns the target quantity last set for <paramref name="variant"/> in the <paramref name="symbolIndex"/>-th symbol.</summary>
    public decimal GetTarget(int variant, int symbolIndex) => _targets[variant * _symbols.Length + symbolIndex];

    /// <summary>Returns the latest close of the <paramref name="symbolIndex"/>-th symbol (zero before the first bar).</summary>
    public decimal LastPrice(int symbolIndex) => _hasBars ? FixedPoint.ToDecimal(_lastCloseRaw[symbolIndex]) : 0m;

    /// <summary>Returns the profit of <paramref name="variant"/> since the start, net of fees, open positions marked at the latest closes.</summary>
    public decimal NetPnl(int variant)
    {
        decimal pnl = 0;
        for (int s = 0; s < _symbols.Length; s++)
        {
            Position p = _positions[variant * _symbols.Length + s];
            pnl += p.RealizedNetOfFees;
            if (!p.IsFlat) pnl += p.UnrealizedPnl(LastPrice(s));
        }
        return pnl;
    }

    /// <summary>True when any variant holds any position.</summary>
    public bool HasExposure
    {
        get
        {
            foreach (Position p in _positions)
                if (!p.IsFlat) return true;
            return false;
        }
    }

    /// <summary>Returns the snapshot of a variant's position, marked at the latest close.</summary>
    public PositionSnapshot Snapshot(int variant, int symbolIndex)
    {
        Position p = GetPosition(variant, symbolIndex);
        decimal mark = LastPrice(symbolIndex);
        return new PositionSnapshot(_strategy.Name, _strategy.Variants[variant], p.Symbol, p.Quantity, p.AveragePrice, p.RealizedPnl - p.Fees,
            p.UnrealizedPnl(mark), mark, p.OpenedMs, _lastTimeMs);
    }

    /// <inheritdoc/>
    public decimal Equity(int variant) => InitialEquity + NetPnl(variant);

    void IStrategyContext.Signal(in Signal signal)
    {
        if (_recorder is not null) _recorder.OnSignal(signal);
        else _onEvent?.Invoke(new TradingEvent(TradingEventKind.Signal, Signal: signal, Variant: signal.Variant));
    }

    void IStrategyContext.SetTarget(int variant, int symbolIndex, decimal quantity)
    {
        if (_unsettled.Count != 0) SettleLateOutcomes(); // here, not per bar: targets only matter when the next order is sized
        int index = variant * _symbols.Length + symbolIndex;
        decimal delta = quantity - _targets[index];
        if (delta == 0) return;
        decimal wanted = Math.Round(Math.Abs(delta), 8, MidpointRounding.ToZero);
        if (_simulated is not null)
        {
            Quantity simulatedSize = Quantity.TryFromDecimal(wanted, out Quantity s) ? s : default;
            _orderCount++;
            if (_simulated.PlaceMarket(variant, symbolIndex, delta > 0 ? OrderSide.Buy : OrderSide.Sell, simulatedSize)) _targets[index] = quantity;
            return;
        }
        string variantName = _strategy.Variants[variant];
        string clientId = string.Create(CultureInfo.InvariantCulture, $"{_clientIdPrefix}{variantName}-{++_orderCount}");
        SymbolFilters? filters = _broker!.GetFilters(_symbols[symbolIndex]);
        decimal rounded = filters is null ? wanted : filters.RoundQuantity(wanted);
        Quantity size = Quantity.TryFromDecimal(rounded, out Quantity q) ? q : default;
        var request = new OrderRequest(clientId, _symbols[symbolIndex], delta > 0 ? OrderSide.Buy : OrderSide.Sell, OrderType.Market, size,
            Strategy: _strategy.Name, Variant: variantName);
        Order order;
        if (filters is not null && size.Raw <= 0 && wanted > 0)
        {
            order = new Order(0, request, _lastTimeMs, _broker.Name);
            order.Reject(string.Create(CultureInfo.InvariantCulture,
                $"quantity {wanted} rounds down to 0 at the step size {filters.StepSize} of {request.Symbol} (LOT_SIZE); nothing was sent"));
        }
        else
        {
            _placing = true;
            try { order = _broker.Place(request); }
            finally { _placing = false; }
        }
        if (order.Status != OrderStatus.Rejected) _targets[index] = filters is null ? quantity : _targets[index] + (delta > 0 ? rounded : -rounded);
        if (order.IsOpen) _unsettled.Add((order, index));
        _onEvent?.Invoke(new TradingEvent(TradingEventKind.Order, Order: order, Variant: variantName));
        foreach (TradingEvent held in _heldFills) _onEvent?.Invoke(held);
        _heldFills.Clear();
    }

    /// <summary>Takes the unfilled part of orders the broker rejected or canceled after placing them off their targets.</summary>
    private void SettleLateOutcomes()
    {
        for (int i = _unsettled.Count - 1; i >= 0; i--)
        {
            (Order order, int index) = _unsettled[i];
            if (order.IsOpen) continue;
            if (order.Status is OrderStatus.Rejected or OrderStatus.Canceled)
            {
                decimal unfilled = order.RemainingQuantity.ToDecimal();
                _targets[index] -= order.Request.Side == OrderSide.Buy ? unfilled : -unfilled;
            }
            _unsettled.RemoveAt(i);
        }
    }

    private void OnSimulatedFill(int variant, int symbolIndex, in Fill fill)
    {
        _positions[variant * _symbols.Length + symbolIndex].Apply(fill);
        if (_recorder is not null) _recorder.OnFill(variant, symbolIndex, fill);
        else _onEvent?.Invoke(new TradingEvent(TradingEventKind.Fill, Fill: fill, Variant: _strategy.Variants[variant]));
    }

    private void OnFill(Order order, Fill fill)
    {
        OrderRequest request = order.Request;
        if (!string.Equals(request.Strategy, _strategy.Name, StringComparison.Ordinal) || request.Variant is null
            || !request.ClientOrderId.StartsWith(_clientIdPrefix, StringComparison.Ordinal)) return;
        int variant = -1;
        for (int v = 0; v < _strategy.Variants.Count; v++)
            if (string.Equals(_strategy.Variants[v], request.Variant, StringComparison.Ordinal)) variant = v;
        int s = Array.IndexOf(_symbols, fill.Symbol);
        if (variant < 0 || s < 0) return;
        _positions[variant * _symbols.Length + s].Apply(fill);
        if (_onEvent is null) return;
        var fillEvent = new TradingEvent(TradingEventKind.Fill, Order: order, Fill: fill, Variant: request.Variant);
        var positionEvent = new TradingEvent(TradingEventKind.Position, Position: Snapshot(variant, s) with { TimeMs = fill.TimeMs }, Variant: request.Variant);
        if (_placing)
        {
            _heldFills.Add(fillEvent);
            _heldFills.Add(positionEvent);
            return;
        }
        _onEvent(fillEvent);
        _onEvent(positionEvent);
    }
}
