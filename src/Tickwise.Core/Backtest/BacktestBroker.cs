using Tickwise.Core.Market;
using Tickwise.Core.Strategies;
using Tickwise.Core.Trading;

namespace Tickwise.Core.Backtest;

/// <summary>The backtest's simulated broker: a <see cref="StrategyRunner"/>'s market orders wait for the next bar's open
/// and fill there, as a <see cref="PaperBroker"/> made with <c>fillAtNextQuote</c> fills them when each open is shown as a
/// quote, but with no order objects, no client ids and no lookup tables: an order is filled once and forgotten.</summary>
/// <remarks>
/// <para>Why a second broker: the backtest never looks an order up, cancels it or reads the broker's own positions, and
/// at millions of bars per second the <see cref="PaperBroker"/>'s bookkeeping per order (a client id string, request and
/// order objects, two hash tables, an event) cost more than the strategy itself.</para>
/// <para>Same results as the <see cref="PaperBroker"/> path, to the last digit: an order of no positive quantity is
/// rejected (the backtest's symbols have no exchange filters, so nothing else is); a buy fills at open × (1 + slippage),
/// a sell at open × (1 − slippage), with the taker fee of <see cref="FeeModel.Fee"/> on quantity × price, at the open's
/// time, in the order the orders were placed, symbol by symbol; an open of no positive price (an invalid quote) fills
/// nothing and the orders keep waiting. Order ids count every order placed, from 1, as the paper broker's do.</para>
/// <para>Not thread-safe: the engine's loop drives it.</para>
/// </remarks>
internal sealed class BacktestBroker
{
    private readonly Symbol[] _symbols;
    private readonly FeeModel _fees;
    private readonly decimal _buyFactor, _sellFactor; // SlippageModel.Apply's factors, computed once instead of per fill
    private readonly Waiting[][] _waiting;
    private readonly int[] _waitingCount;
    private FillHandler? _onFill;
    private long _nextId = 1;

    /// <summary>Receives a fill with the variant whose order it fills and the index of its symbol.</summary>
    public delegate void FillHandler(int variant, int symbolIndex, in Fill fill);

    /// <summary>Creates a broker of <paramref name="symbols"/> (a runner's symbols, in its order).</summary>
    public BacktestBroker(IReadOnlyList<Symbol> symbols, FeeModel fees, SlippageModel slippage)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        _symbols = [.. symbols];
        _fees = fees;
        _buyFactor = 1 + slippage.Bps / 10_000m;
        _sellFactor = 1 - slippage.Bps / 10_000m;
        _waiting = new Waiting[_symbols.Length][];
        for (int s = 0; s < _waiting.Length; s++) _waiting[s] = new Waiting[4];
        _waitingCount = new int[_symbols.Length];
    }

    /// <summary>The symbols, by index.</summary>
    public IReadOnlyList<Symbol> Symbols => _symbols;

    /// <summary>Orders placed so far, rejected ones included.</summary>
    public long PlacedCount => _nextId - 1;

    /// <summary>Sets where fills go (the runner that places the orders); one receiver.</summary>
    /// <exception cref="InvalidOperationException">A receiver is already set.</exception>
    public void SetFillHandler(FillHandler onFill)
    {
        ArgumentNullException.ThrowIfNull(onFill);
        if (_onFill is not null) throw new InvalidOperationException("The backtest broker already reports its fills to a runner.");
        _onFill = onFill;
    }

    /// <summary>Places a market order of <paramref name="variant"/> that fills at the next open of the symbol; returns false
    /// (rejected) when <paramref name="quantity"/> is not positive.</summary>
    public bool PlaceMarket(int variant, int symbolIndex, OrderSide side, Quantity quantity)
    {
        long id = _nextId++;
        if (quantity.Raw <= 0) return false;
        ref Waiting[] waiting = ref _waiting[symbolIndex];
        int count = _waitingCount[symbolIndex];
        if (count == waiting.Length) Array.Resize(ref waiting, count * 2);
        waiting[count] = new Waiting(id, variant, side, quantity);
        _waitingCount[symbolIndex] = count + 1;
        return true;
    }

    /// <summary>Shows the open of the <paramref name="symbolIndex"/>-th symbol at <paramref name="timeMs"/>: fills its
    /// waiting orders there, oldest first.</summary>
    public void OnOpen(int symbolIndex, Price open, long timeMs)
    {
        int count = _waitingCount[symbolIndex];
        if (count == 0 || open.Raw <= 0) return;
        Waiting[] waiting = _waiting[symbolIndex];
        decimal reference = open.ToDecimal();
        for (int i = 0; i < count; i++)
        {
            Waiting order = waiting[i];
            decimal price = reference * (order.Side == OrderSide.Buy ? _buyFactor : _sellFactor);
            decimal fee = _fees.Fee(order.Quantity.ToDecimal() * price, isMaker: false);
            var fill = new Fill(order.Id, _symbols[symbolIndex], order.Side, order.Quantity, price, fee, false, timeMs);
            _onFill?.Invoke(order.Variant, symbolIndex, fill);
        }
        _waitingCount[symbolIndex] = 0; // a fill handler never places an order (the runner places only from the strategy)
    }

    /// <summary>Returns the number of orders waiting for the next open of the <paramref name="symbolIndex"/>-th symbol.</summary>
    public int WaitingCount(int symbolIndex) => _waitingCount[symbolIndex];

    private readonly record struct Waiting(long Id, int Variant, OrderSide Side, Quantity Quantity);
}
