using System.Collections.Concurrent;
using System.Threading.Channels;
using Tickwise.Core.Market;
using Tickwise.Core.Trading;

namespace Tickwise.Binance.Trading;

/// <summary>
/// A broker that places, cancels and follows orders on Binance's spot testnet (or any server that speaks its signed
/// REST API) through a <see cref="BinanceTradingClient"/>, with the same contract as the paper broker: orders, fills
/// through <see cref="Filled"/>, positions.
/// </summary>
/// <remarks>
/// <para>Place checks an order on the caller's thread first, with the paper broker's reasons for a malformed order, an
/// unknown symbol or a duplicate client id, and the exchange's own filters (loaded from <c>exchangeInfo</c> at start;
/// a market order's notional is valued at the latest price given to <see cref="OnLastPrice"/> or <see cref="OnQuote"/>):
/// such an order comes back <see cref="OrderStatus.Rejected"/> and nothing is sent. Otherwise it comes back
/// <see cref="OrderStatus.New"/> at once, and one background task sends the signed request: the caller's thread (the
/// pipeline) never waits on HTTP.</para>
/// <para>Answers are queued and applied by <see cref="Pump"/> on the caller's thread, which the owner calls on each
/// market event and before it reads orders: a FULL new-order answer's fills (each one a <see cref="Fill"/>, at the
/// exchange's price and <c>transactTime</c>), Binance's refusal (the order turns rejected with its code and message), a
/// cancel confirmation. Resting limit orders are read back every <see cref="BinanceTestnetBrokerOptions.PollInterval"/>;
/// a fill learned that way is applied from the order's trades (<c>myTrades</c>: prices, fees, maker or taker), or, when
/// they cannot be read, as the quantity and average price of what filled since the last look, without a fee.</para>
/// <para>Fees are the exchange's commissions in the quote asset: converted at the fill price when charged in the base
/// asset, and at the exchange's last price of ASSET+QUOTE (or QUOTE+ASSET inverted) when charged in a third asset (BNB,
/// when the account pays fees with it), read at most once a minute per asset. Without such a price the commission counts
/// as zero and <see cref="Warning"/> says so once. A request whose outcome is unknown (a timeout, a 5xx) is not retried:
/// the order is looked up by its client order id until the exchange says what became of it.</para>
/// <para>Not thread-safe, like the paper broker: one thread at a time calls it (the trading desk's lock). Dispose stops
/// the sender; it does not cancel orders resting on the exchange.</para>
/// </remarks>
public sealed partial class BinanceTestnetBroker : IBroker, IDisposable
{
    /// <summary>The name orders of this broker carry.</summary>
    public const string BrokerName = "testnet";

    private readonly BinanceTradingClient _client;
    private readonly BinanceTestnetBrokerOptions _options;
    private readonly TimeProvider _time;
    private readonly Dictionary<Symbol, SymbolState> _symbols = [];
    private readonly Dictionary<long, Order> _orders = [];
    private readonly Dictionary<long, decimal> _quoteFilled = [];
    private readonly Dictionary<long, int> _awaiting = [];
    private readonly HashSet<long> _cancelRequested = [];
    private readonly HashSet<string> _clientOrderIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unconvertedAssets = new(StringComparer.Ordinal);
    private readonly List<Order> _open = [];
    private readonly Channel<Request> _requests;
    private readonly ConcurrentQueue<Outcome> _outcomes = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sender;
    private int _inFlight;
    private long _nextId = 1;
    private long _timeMs;

    /// <summary>Creates a broker trading <paramref name="symbols"/> with the rules of <paramref name="exchangeInfo"/>,
    /// and starts its sender. <see cref="ConnectAsync"/> loads the rules and checks the keys first.</summary>
    /// <exception cref="ArgumentException">The exchange does not list a symbol, or an option is out of range.</exception>
    public BinanceTestnetBroker(BinanceTradingClient client, BinanceExchangeInfo exchangeInfo, IEnumerable<Symbol> symbols,
        BinanceTestnetBrokerOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(exchangeInfo);
        ArgumentNullException.ThrowIfNull(symbols);
        _options = options ?? new BinanceTestnetBrokerOptions();
        _options.Validate();
        _client = client;
        _time = time ?? TimeProvider.System;
        foreach (Symbol symbol in symbols)
        {
            if (!exchangeInfo.TryGet(symbol, out BinanceSymbolFilters filters))
                throw new ArgumentException($"The exchange does not list {symbol}.", nameof(symbols));
            _symbols[symbol] = new SymbolState(filters, ToCoreFilters(filters));
        }
        // Wait is never reached: Place and Cancel use TryWrite, and refuse what does not fit.
        _requests = Channel.CreateBounded<Request>(new BoundedChannelOptions(_options.MaxQueuedRequests)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false, // the pipeline and API threads take turns under their owner's lock
        });
        _sender = Task.Run(SendLoopAsync);
    }

    /// <summary>Synchronises the clock, loads the rules of <paramref name="symbols"/> and reads the account once (a signed
    /// request, so wrong keys fail here rather than on the first order), then creates the broker.</summary>
    /// <exception cref="BinanceApiException">The exchange refused a request (wrong keys: -2015; an unlisted symbol: -1121).</exception>
    /// <exception cref="Client.BinanceRestException">The exchange cannot be reached or answers something else.</exception>
    /// <exception cref="ArgumentException">The exchange does not list a symbol.</exception>
    public static async Task<BinanceTestnetBroker> ConnectAsync(BinanceTradingClient client, IReadOnlyList<Symbol> symbols,
        BinanceTestnetBrokerOptions? options = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(symbols);
        await client.SyncClockAsync(cancellationToken).ConfigureAwait(false);
        BinanceExchangeInfo info = await client.LoadExchangeInfoAsync(symbols, cancellationToken).ConfigureAwait(false);
        await client.GetBalancesAsync(cancellationToken).ConfigureAwait(false);
        return new BinanceTestnetBroker(client, info, symbols, options, time);
    }

    /// <inheritdoc/>
    public string Name => BrokerName;

    /// <inheritdoc/>
    public event Action<Order, Fill>? Filled;

    /// <summary>Raised by <see cref="Pump"/> after an exchange answer changed an order (filled, rejected, canceled),
    /// after its fills' <see cref="Filled"/> events.</summary>
    public event Action<Order>? OrderUpdated;

    /// <summary>Raised by <see cref="Pump"/> with a sentence about a request that failed without deciding an order's fate
    /// (a poll, a cancel), or a fee that could not be converted. Never holds a key, a secret or a signature.</summary>
    public event Action<string>? Warning;

    /// <summary>True when no request is waiting or being sent (answers may still wait for <see cref="Pump"/>).</summary>
    public bool IsIdle => Volatile.Read(ref _inFlight) == 0;

    /// <summary>Sets the latest traded price of a symbol (the value of a market order for the notional filter) and the time
    /// new orders are stamped with.</summary>
    public void OnLastPrice(Symbol symbol, decimal price, long timeMs)
    {
        if (!_symbols.TryGetValue(symbol, out SymbolState? state)) return;
        state.LastPrice = price;
        _timeMs = timeMs;
    }

    /// <summary>Takes a best bid and ask: its mid values market orders for the notional filter.</summary>
    public void OnQuote(in Quote quote)
    {
        if (!quote.IsValid || !_symbols.TryGetValue(quote.Symbol, out SymbolState? state)) return;
        state.LastPrice = (quote.BidPrice.ToDecimal() + quote.AskPrice.ToDecimal()) / 2;
        _timeMs = quote.TimestampMs;
    }

    /// <inheritdoc/>
    public Order Place(OrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        _symbols.TryGetValue(request.Symbol, out SymbolState? state);
        var order = new Order(_nextId++, request, _timeMs, Name);
        _orders[order.Id] = order;
        BinanceNewOrder? sent = null;
        string? reason = request.FindProblem()
            ?? (state is null ? $"unknown symbol {request.Symbol}: this broker trades {string.Join(", ", _symbols.Keys.Order())}" : null)
            ?? (!_clientOrderIds.Add(request.ClientOrderId) ? $"duplicate client order id {request.ClientOrderId}" : null)
            ?? CheckFilters(request, state!, out sent);
        if (reason is null && !Enqueue(new Request(RequestKind.Place, order.Id, request.Symbol, request.ClientOrderId, sent)))
            reason = $"{_options.MaxQueuedRequests} requests are already waiting to be sent to the exchange; the order was not sent";
        if (reason is not null)
        {
            order.Reject(reason);
            return order;
        }
        _open.Add(order);
        return order;
    }

    /// <inheritdoc/>
    /// <remarks>Sends the cancel and returns true; the order turns canceled when <see cref="Pump"/> applies the
    /// exchange's confirmation (it may fill first). False when there is no such open order or the queue is full.</remarks>
    public bool Cancel(long orderId)
    {
        if (!_orders.TryGetValue(orderId, out Order? order) || !order.IsOpen) return false;
        if (_cancelRequested.Contains(orderId)) return true;
        if (!Enqueue(new Request(RequestKind.Cancel, orderId, order.Request.Symbol, order.Request.ClientOrderId, null))) return false;
        _cancelRequested.Add(orderId);
        return true;
    }

    /// <summary>True while a request about <paramref name="orderId"/> (its placement or its cancel) has no answer applied yet.</summary>
    public bool IsAwaitingExchange(long orderId) => _awaiting.ContainsKey(orderId);

    /// <inheritdoc/>
    public Order? GetOrder(long orderId) => _orders.GetValueOrDefault(orderId);

    /// <inheritdoc/>
    public IReadOnlyList<Order> OpenOrders() => [.. _open];

    /// <inheritdoc/>
    public Position GetPosition(Symbol symbol) =>
        _symbols.TryGetValue(symbol, out SymbolState? state) ? state.Position : new Position(symbol);

    /// <inheritdoc/>
    public SymbolFilters? GetFilters(Symbol symbol) => _symbols.TryGetValue(symbol, out SymbolState? state) ? state.Filters : null;

    /// <summary>Waits until no request is waiting or being sent, at most <paramref name="timeout"/>; true when idle.</summary>
    /// <remarks>Blocks the calling thread: for the end of a run or a test, never for the pipeline's thread while it runs.</remarks>
    public bool WaitForIdle(TimeSpan timeout) => SpinWait.SpinUntil(() => IsIdle, timeout);

    /// <summary>Stops the sender (requests not yet sent are dropped). Orders resting on the exchange stay there.</summary>
    public void Dispose()
    {
        if (_stop.IsCancellationRequested) return;
        _requests.Writer.TryComplete();
        _stop.Cancel();
        try { _sender.Wait(TimeSpan.FromSeconds(5)); }
        catch (AggregateException) { } // the loop ends by its cancellation; nothing else escapes it
        _stop.Dispose();
    }

    private bool Enqueue(Request request)
    {
        Interlocked.Increment(ref _inFlight);
        if (_requests.Writer.TryWrite(request))
        {
            _awaiting[request.OrderId] = _awaiting.GetValueOrDefault(request.OrderId) + 1;
            return true;
        }
        Interlocked.Decrement(ref _inFlight);
        return false;
    }

    private string? CheckFilters(OrderRequest request, SymbolState state, out BinanceNewOrder? sent)
    {
        BinanceOrderSide side = request.Side == OrderSide.Buy ? BinanceOrderSide.Buy : BinanceOrderSide.Sell;
        Price? reference = state.LastPrice > 0 && Price.TryFromDecimal(Math.Round(state.LastPrice, 8), out Price p) ? p : null;
        sent = request.Type == OrderType.Market
            ? BinanceNewOrder.Market(request.Symbol, side, request.Quantity, request.ClientOrderId, reference)
            : BinanceNewOrder.Limit(request.Symbol, side, request.Quantity, request.LimitPrice!.Value, request.ClientOrderId);
        return state.Exchange.Check(sent, out _, out string reason) ? null : reason + "; nothing was sent";
    }

    /// <summary>The exchange's rules in Core's terms, for <see cref="GetFilters"/> (strategy sizing).</summary>
    private static SymbolFilters ToCoreFilters(BinanceSymbolFilters f) => new(f.Symbol, TickSize: f.TickSize.ToDecimal(), MinPrice: f.MinPrice.ToDecimal(),
        MaxPrice: f.MaxPrice.ToDecimal(), StepSize: f.StepSize.ToDecimal(), MinQuantity: f.MinQuantity.ToDecimal(), MaxQuantity: f.MaxQuantity.ToDecimal(),
        MinNotional: f.MinNotional);

    private sealed class SymbolState(BinanceSymbolFilters exchange, SymbolFilters filters)
    {
        public BinanceSymbolFilters Exchange { get; } = exchange;
        public SymbolFilters Filters { get; } = filters;
        public Position Position { get; } = new(exchange.Symbol);
        public decimal LastPrice { get; set; }
    }
}
