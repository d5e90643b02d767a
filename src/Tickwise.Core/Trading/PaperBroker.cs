using Tickwise.Core.Market;

namespace Tickwise.Core.Trading;

/// <summary>A simulated broker that needs no keys: market orders fill against the latest quote (or by walking given book
/// levels), limit orders rest until a quote crosses them. The backtest uses it too, filling at the next quote.</summary>
/// <remarks>
/// <para>Market order: a buy fills at the ask, a sell at the bid, moved by the <see cref="SlippageModel"/>, with the
/// taker fee; the quote's sizes are not a limit (pass book levels to <see cref="Place(OrderRequest, ReadOnlySpan{BookLevel})"/>
/// for depth). With <c>fillAtNextQuote</c> a market order waits for the next quote instead of the current one: a
/// backtest that shows each bar's open as a quote then fills a signal of one bar's close at the next bar's open.</para>
/// <para>Limit order: a buy whose limit is at or above the ask (a sell at or below the bid) takes liquidity at once at the
/// quote, as a taker; otherwise it rests and fills completely, as a maker at its limit price, on the first quote whose
/// ask falls to the limit (bid rises to it).</para>
/// <para>Rejections, before anything fills: a malformed order, a symbol without filters, a duplicate client order id,
/// a filter violation (the notional of a market order is valued at the latest price; without one, only a limit order's
/// notional is checked), a market order without a quote (unless it waits for the next), a book too thin.</para>
/// <para>Not thread-safe: one pipeline thread drives it. Time is the quotes' time; no clock is read.</para>
/// </remarks>
public sealed class PaperBroker : IBroker
{
    private readonly Dictionary<Symbol, SymbolBook> _symbols = [];
    private readonly Dictionary<long, Order> _orders = [];
    private readonly HashSet<string> _clientOrderIds = new(StringComparer.Ordinal);
    private readonly List<Order> _open = [];
    private readonly bool _fillAtNextQuote;
    private long _nextId = 1;

    /// <summary>Creates a broker trading the symbols of <paramref name="filters"/>.</summary>
    /// <param name="filters">The symbols it trades, with their exchange rules.</param>
    /// <param name="fees">Maker and taker fees.</param>
    /// <param name="slippage">Slippage of market orders filled at a quote.</param>
    /// <param name="name">The name orders carry (<c>paper</c>, or <c>backtest</c>).</param>
    /// <param name="fillAtNextQuote">Market orders wait for the next quote instead of filling at the current one.</param>
    public PaperBroker(IEnumerable<SymbolFilters> filters, FeeModel fees, SlippageModel slippage, string name = "paper", bool fillAtNextQuote = false)
    {
        ArgumentNullException.ThrowIfNull(filters);
        foreach (SymbolFilters f in filters) _symbols[f.Symbol] = new SymbolBook(f);
        Fees = fees;
        Slippage = slippage;
        Name = name;
        _fillAtNextQuote = fillAtNextQuote;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>The fee model.</summary>
    public FeeModel Fees { get; }

    /// <summary>The slippage model.</summary>
    public SlippageModel Slippage { get; }

    /// <inheritdoc/>
    public event Action<Order, Fill>? Filled;

    /// <summary>Takes a new best bid and ask: fills market orders waiting for it, then resting limit orders it crosses.</summary>
    /// <remarks>An invalid (crossed or empty) quote or one of an unknown symbol is ignored.</remarks>
    public void OnQuote(in Quote quote)
    {
        if (!quote.IsValid || !_symbols.TryGetValue(quote.Symbol, out SymbolBook? book)) return;
        book.Quote = quote;
        book.HasQuote = true;
        book.LastPrice = quote.BidPrice == quote.AskPrice ? quote.BidPrice.ToDecimal() : (quote.BidPrice.ToDecimal() + quote.AskPrice.ToDecimal()) / 2;
        book.TimeMs = quote.TimestampMs;
        if (book.Waiting.Count == 0) return;
        // Copy-free walk: fills may not add orders, so the list only shrinks here.
        for (int i = 0; i < book.Waiting.Count;)
        {
            Order order = book.Waiting[i];
            bool filled = order.Request.Type == OrderType.Market ? FillAtQuote(order, book, isMaker: false) : TryFillResting(order, book);
            if (filled)
            {
                book.Waiting.RemoveAt(i);
                _open.Remove(order);
            }
            else i++;
        }
    }

    /// <summary>Sets the latest traded price of a symbol (used to value market orders for the notional filter) and the time.</summary>
    public void OnLastPrice(Symbol symbol, decimal price, long timeMs)
    {
        if (!_symbols.TryGetValue(symbol, out SymbolBook? book)) return;
        book.LastPrice = price;
        book.TimeMs = timeMs;
    }

    /// <inheritdoc/>
    public Order Place(OrderRequest request) => Place(request, []);

    /// <summary>Places an order; a market order with <paramref name="oppositeLevels"/> (asks for a buy, bids for a sell,
    /// best first) fills by walking them, at their quantity-weighted average price.</summary>
    public Order Place(OrderRequest request, ReadOnlySpan<BookLevel> oppositeLevels)
    {
        ArgumentNullException.ThrowIfNull(request);
        _symbols.TryGetValue(request.Symbol, out SymbolBook? book);
        var order = new Order(_nextId++, request, book?.TimeMs ?? 0, Name);
        _orders[order.Id] = order;
        string? reason = request.FindProblem()
            ?? (book is null ? $"unknown symbol {request.Symbol}: this broker trades {string.Join(", ", _symbols.Keys.Order())}" : null)
            ?? (!_clientOrderIds.Add(request.ClientOrderId) ? $"duplicate client order id {request.ClientOrderId}" : null)
            ?? book!.Filters.Validate(request, book.LastPrice)
            ?? (request.Type == OrderType.Market && oppositeLevels.IsEmpty && !book.HasQuote && !_fillAtNextQuote ? $"no quote yet for {request.Symbol}" : null);
        if (reason is not null || book is null)
        {
            order.Status = OrderStatus.Rejected;
            order.RejectReason = reason;
            return order;
        }

        if (request.Type == OrderType.Market && !oppositeLevels.IsEmpty)
        {
            if (!SlippageModel.TryWalkBook(oppositeLevels, request.Quantity, out decimal average))
            {
                order.Status = OrderStatus.Rejected;
                order.RejectReason = $"the book holds less than {request.Quantity} {request.Symbol} on the {(request.Side == OrderSide.Buy ? "ask" : "bid")} side";
                return order;
            }
            Execute(order, book, average, isMaker: false);
            return order;
        }

        bool marketable = request.Type == OrderType.Market
            ? !_fillAtNextQuote
            : book.HasQuote && (request.Side == OrderSide.Buy ? book.Quote.AskPrice <= request.LimitPrice!.Value : book.Quote.BidPrice >= request.LimitPrice!.Value);
        if (marketable)
        {
            FillAtQuote(order, book, isMaker: false);
            return order;
        }
        book.Waiting.Add(order);
        _open.Add(order);
        return order;
    }

    /// <inheritdoc/>
    public bool Cancel(long orderId)
    {
        if (!_orders.TryGetValue(orderId, out Order? order) || !order.IsOpen) return false;
        order.Status = OrderStatus.Canceled;
        _open.Remove(order);
        _symbols[order.Request.Symbol].Waiting.Remove(order);
        return true;
    }

    /// <inheritdoc/>
    public Order? GetOrder(long orderId) => _orders.GetValueOrDefault(orderId);

    /// <inheritdoc/>
    public IReadOnlyList<Order> OpenOrders() => [.. _open];

    /// <inheritdoc/>
    public Position GetPosition(Symbol symbol) =>
        _symbols.TryGetValue(symbol, out SymbolBook? book) ? book.Position : new Position(symbol);

    private bool FillAtQuote(Order order, SymbolBook book, bool isMaker)
    {
        if (!book.HasQuote) return false;
        decimal reference = order.Request.Side == OrderSide.Buy ? book.Quote.AskPrice.ToDecimal() : book.Quote.BidPrice.ToDecimal();
        Execute(order, book, Slippage.Apply(reference, order.Request.Side), isMaker);
        return true;
    }

    private bool TryFillResting(Order order, SymbolBook book)
    {
        Price limit = order.Request.LimitPrice!.Value;
        bool crossed = order.Request.Side == OrderSide.Buy ? book.Quote.AskPrice <= limit : book.Quote.BidPrice >= limit;
        if (!crossed) return false;
        Execute(order, book, limit.ToDecimal(), isMaker: true);
        return true;
    }

    private void Execute(Order order, SymbolBook book, decimal price, bool isMaker)
    {
        Quantity quantity = order.RemainingQuantity;
        decimal fee = Fees.Fee(quantity.ToDecimal() * price, isMaker);
        var fill = new Fill(order.Id, order.Request.Symbol, order.Request.Side, quantity, price, fee, isMaker, book.TimeMs);
        order.Apply(fill);
        book.Position.Apply(fill);
        Filled?.Invoke(order, fill);
    }

    private sealed class SymbolBook(SymbolFilters filters)
    {
        public SymbolFilters Filters { get; } = filters;
        public Position Position { get; } = new(filters.Symbol);
        public List<Order> Waiting { get; } = [];
        public Quote Quote { get; set; }
        public bool HasQuote { get; set; }
        public decimal LastPrice { get; set; }
        public long TimeMs { get; set; }
    }
}
