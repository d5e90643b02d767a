using System.Globalization;
using System.Text.Json;
using Tickwise.Binance.Client;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Trading;

/// <summary>Places, queries and cancels spot orders and reads balances over Binance's signed REST API (the testnet by
/// default).</summary>
/// <remarks>
/// <para>Every signed request carries <c>recvWindow</c>, a <c>timestamp</c> on the server's clock (local time plus
/// <see cref="ClockOffsetMs"/>, measured from <c>/api/v3/time</c> before the first signed request) and the HMAC-SHA256
/// <c>signature</c> of <see cref="BinanceRequestSigner"/>; POST parameters travel in a form body, the others in the
/// query. A -1021 answer (timestamp outside recvWindow) resynchronises the clock and retries once; a 429 or 418 is
/// waited out for its <c>Retry-After</c>, up to <see cref="BinanceTradingOptions.MaxRateLimitWaits"/> times, both
/// safe because Binance did not process the refused request. Nothing else is retried: a timeout on a new order leaves
/// its state unknown, and the caller queries it by client order id.</para>
/// <para>Orders are checked against the symbol's exchange filters before anything is sent
/// (<see cref="BinanceSymbolFilters.Validate"/>); the exchange information is loaded once, on the first order.</para>
/// <para>Not thread-safe for concurrent calls that change state (clock sync, exchange info); one broker drives it.</para>
/// </remarks>
public sealed partial class BinanceTradingClient
{
    private readonly HttpClient _http;
    private readonly BinanceRequestSigner _signer;
    private readonly BinanceCredentials _credentials;
    private readonly BinanceTradingOptions _options;
    private readonly TimeProvider _time;
    private readonly Action<BinanceTradingNotice> _onNotice;
    private bool _clockSynced;

    /// <summary>Creates a client over <paramref name="http"/> (owned by the caller).</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public BinanceTradingClient(HttpClient http, BinanceCredentials credentials, BinanceTradingOptions? options = null,
        TimeProvider? time = null, Action<BinanceTradingNotice>? onNotice = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(credentials);
        _options = options ?? new BinanceTradingOptions();
        _options.Validate();
        _http = http;
        _credentials = credentials;
        _signer = new BinanceRequestSigner(credentials);
        _time = time ?? TimeProvider.System;
        _onNotice = onNotice ?? (_ => { });
        _clockSynced = !_options.SyncClockBeforeFirstRequest;
    }

    /// <summary>The server's clock minus the local clock, in ms, as last measured.</summary>
    public long ClockOffsetMs { get; private set; }

    /// <summary>How many times the exchange asked this client to slow down (429 or 418).</summary>
    public long RateLimitWaits { get; private set; }

    /// <summary>The exchange information loaded by <see cref="LoadExchangeInfoAsync"/>, or null.</summary>
    public BinanceExchangeInfo? ExchangeInfo { get; private set; }

    /// <summary>Reads the server time (<c>/api/v3/time</c>), Unix ms.</summary>
    /// <exception cref="BinanceApiException">Binance answered an error.</exception>
    /// <exception cref="BinanceRestException">The server cannot be reached or the answer does not parse.</exception>
    public async Task<long> GetServerTimeAsync(CancellationToken cancellationToken)
    {
        byte[] body = await SendAsync(HttpMethod.Get, "time", "", signed: false, cancellationToken).ConfigureAwait(false);
        using JsonDocument document = BinanceTradingJson.Parse(body, Path("time"));
        return BinanceTradingJson.ParseServerTime(document.RootElement, Path("time"));
    }

    /// <summary>Measures <see cref="ClockOffsetMs"/>: the server time minus the local time at the middle of the round trip.</summary>
    /// <returns>The new offset.</returns>
    /// <exception cref="BinanceApiException">Binance answered an error.</exception>
    /// <exception cref="BinanceRestException">The server cannot be reached or the answer does not parse.</exception>
    public async Task<long> SyncClockAsync(CancellationToken cancellationToken)
    {
        long sent = _time.GetUtcNow().ToUnixTimeMilliseconds();
        long server = await GetServerTimeAsync(cancellationToken).ConfigureAwait(false);
        long received = _time.GetUtcNow().ToUnixTimeMilliseconds();
        ClockOffsetMs = server - (sent + (received - sent) / 2);
        _clockSynced = true;
        _onNotice(new BinanceTradingNotice(BinanceTradingNoticeKind.ClockSynced,
            string.Create(CultureInfo.InvariantCulture, $"server clock is {ClockOffsetMs} ms ahead of the local clock (round trip {received - sent} ms)"), TimeSpan.Zero));
        return ClockOffsetMs;
    }

    /// <summary>Loads the exchange information (<c>/api/v3/exchangeInfo</c>) that orders are checked against, and keeps it.</summary>
    /// <param name="symbols">The symbols to load, or null or empty for every symbol.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="BinanceApiException">Binance answered an error.</exception>
    /// <exception cref="BinanceRestException">The server cannot be reached or the answer does not parse.</exception>
    public async Task<BinanceExchangeInfo> LoadExchangeInfoAsync(IReadOnlyList<Symbol>? symbols, CancellationToken cancellationToken)
    {
        string query = "";
        if (symbols is { Count: > 0 })
        {
            // symbols=["BTCUSDT","ETHUSDT"], percent-encoded; symbol names are [A-Z0-9_] so only the brackets and quotes need it.
            var names = new List<string>(symbols.Count);
            foreach (Symbol symbol in symbols) names.Add("%22" + symbol.Value + "%22");
            query = "symbols=%5B" + string.Join("%2C", names) + "%5D";
        }
        byte[] body = await SendAsync(HttpMethod.Get, "exchangeInfo", query, signed: false, cancellationToken).ConfigureAwait(false);
        if (!BinanceExchangeInfo.TryParse(body, out BinanceExchangeInfo? info, out string error))
            throw new BinanceRestException($"GET {Path("exchangeInfo")} answered something that is not exchange information: {error}");
        ExchangeInfo = info;
        return info!;
    }

    /// <summary>Checks <paramref name="order"/> against the loaded exchange information.</summary>
    /// <exception cref="BinanceOrderValidationException">The symbol is unknown or the order breaks a filter.</exception>
    /// <exception cref="InvalidOperationException">No exchange information is loaded.</exception>
    public void ValidateOrder(BinanceNewOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        BinanceExchangeInfo info = ExchangeInfo ?? throw new InvalidOperationException("No exchange information is loaded: call LoadExchangeInfoAsync first.");
        if (!info.TryGet(order.Symbol, out BinanceSymbolFilters filters))
            throw new BinanceOrderValidationException(order.Symbol, BinanceOrderViolation.UnknownSymbol,
                $"Order {order} refused before sending: the exchange does not list {order.Symbol}.");
        filters.Validate(order);
    }

    /// <summary>Places <paramref name="order"/> (<c>POST /api/v3/order</c>, FULL answer) after checking it against the
    /// symbol's filters; loads the exchange information first when none is loaded.</summary>
    /// <returns>The order as Binance accepted it, with its fills.</returns>
    /// <exception cref="BinanceOrderValidationException">The order breaks a rule; nothing was sent.</exception>
    /// <exception cref="BinanceApiException">Binance refused the order (-2010 and the like) or another error.</exception>
    /// <exception cref="BinanceRestException">The server cannot be reached, timed out (the order's state is then
    /// unknown), or the answer does not parse.</exception>
    public async Task<BinanceOrder> PlaceOrderAsync(BinanceNewOrder order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (ExchangeInfo is null) await LoadExchangeInfoAsync(null, cancellationToken).ConfigureAwait(false);
        ValidateOrder(order);
        byte[] body = await SendAsync(HttpMethod.Post, "order", order.ToParameters(), signed: true, cancellationToken).ConfigureAwait(false);
        BinanceOrder placed = ParseOrder(body, "POST " + Path("order"));
        _onNotice(new BinanceTradingNotice(BinanceTradingNoticeKind.OrderPlaced,
            $"placed {order} as order {placed.OrderId} (client id {placed.ClientOrderId}): {placed.Status}, filled {placed.ExecutedQuantity}", TimeSpan.Zero));
        return placed;
    }

    /// <summary>Queries an order by Binance's id (<c>GET /api/v3/order</c>).</summary>
    /// <exception cref="BinanceApiException">Binance answered an error (-2013 when there is no such order).</exception>
    /// <exception cref="BinanceRestException">The server cannot be reached or the answer does not parse.</exception>
    public Task<BinanceOrder> GetOrderAsync(Symbol symbol, long orderId, CancellationToken cancellationToken) =>
        OrderCallAsync(HttpMethod.Get, symbol, OrderIdParameter(orderId), cancellationToken);

    /// <summary>Queries an order by client order id (<c>GET /api/v3/order</c>).</summary>
    /// <exception cref="ArgumentException"><paramref name="clientOrderId"/> is not a valid client order id.</exception>
    /// <exception cref="BinanceApiException">Binance answered an error (-2013 when there is no such order).</exception>
    /// <exception cref="BinanceRestException">The server cannot be reached or the answer does not parse.</exception>
    public Task<BinanceOrder> GetOrderAsync(Symbol symbol, string clientOrderId, CancellationToken cancellationToken) =>
        OrderCallAsync(HttpMethod.Get, symbol, ClientIdParameter(clientOrderId), cancellationToken);

    /// <summary>Cancels an order by Binance's id (<c>DELETE /api/v3/order</c>).</summary>
    /// <exception cref="BinanceApiException">Binance answered an error (-2011 when the order is unknown or done).</exception>
    /// <exception cref="BinanceRestException">The server cannot be reached or the answer does not parse.</exception>
    public Task<BinanceOrder> CancelOrderAsync(Symbol symbol, long orderId, CancellationToken cancellationToken) =>
        OrderCallAsync(HttpMethod.Delete, symbol, OrderIdParameter(orderId), cancellationToken);

    /// <summary>Cancels an order by client order id (<c>DELETE /api/v3/order</c>).</summary>
    /// <exception cref="ArgumentException"><paramref name="clientOrderId"/> is not a valid client order id.</exception>
    /// <exception cref="BinanceApiException">Binance answered an error (-2011 when the order is unknown or done).</exception>
    /// <exception cref="BinanceRestException">The server cannot be reached or the answer does not parse.</exception>
    public Task<BinanceOrder> CancelOrderAsync(Symbol symbol, string clientOrderId, CancellationToken cancellationToken) =>
        OrderCallAsync(HttpMethod.Delete, symbol, ClientIdParameter(clientOrderId), cancellationToken);

    /// <summary>Lists the open orders of <paramref name="symbol"/>, or of every symbol when it is null
    /// (<c>GET /api/v3/openOrders</c>).</summary>
    /// <exception cref="BinanceApiException">Binance answered an error.</exception>
    /// <exception cref="BinanceRestException">The server cannot be reached or the answer does not parse.</exception>
    public async Task<IReadOnlyList<BinanceOrder>> GetOpenOrdersAsync(Symbol? symbol, CancellationToken cancellationToken)
    {
        string what = "GET " + Path("openOrders");
        byte[] body = await SendAsync(HttpMethod.Get, "openOrders", symbol is { } s ? "symbol=" + s.Value : "", signed: true, cancellationToken).ConfigureAwait(false);
        using JsonDocument document = BinanceTradingJson.Parse(body, what);
        if (document.RootElement.ValueKind != JsonValueKind.Array) throw new BinanceRestException($"{what} answered something that is not a list of orders");
        var orders = new List<BinanceOrder>(document.RootElement.GetArrayLength());
        foreach (JsonElement element in document.RootElement.EnumerateArray()) orders.Add(BinanceTradingJson.ParseOrder(element, what));
        return orders;
    }

    /// <summary>Lists the trades that filled the order <paramref name="orderId"/>, oldest first, with their fees
    /// (<c>GET /api/v3/myTrades</c>): an order query gives only totals, without fees.</summary>
    /// <exception cref="BinanceApiException">Binance answered an error.</exception>
    /// <exception cref="BinanceRestException">The server cannot be reached or the answer does not parse.</exception>
    public async Task<IReadOnlyList<BinanceTrade>> GetOrderTradesAsync(Symbol symbol, long orderId, CancellationToken cancellationToken)
    {
        if (symbol.IsEmpty) throw new ArgumentException("The symbol is empty.", nameof(symbol));
        string what = "GET " + Path("myTrades");
        byte[] body = await SendAsync(HttpMethod.Get, "myTrades", "symbol=" + symbol.Value + "&" + OrderIdParameter(orderId), signed: true, cancellationToken).ConfigureAwait(false);
        using JsonDocument document = BinanceTradingJson.Parse(body, what);
        List<BinanceTrade> trades = BinanceTradingJson.ParseTrades(document.RootElement, what);
        trades.Sort(static (a, b) => a.TradeId.CompareTo(b.TradeId));
        return trades;
    }

    /// <summary>Reads the last traded price of <paramref name="symbol"/> (<c>GET /api/v3/ticker/price</c>, unsigned).</summary>
    /// <exception cref="BinanceApiException">Binance answered an error (-1121: the exchange does not list the symbol).</exception>
    /// <exception cref="BinanceRestException">The server cannot be reached or the answer does not parse.</exception>
    public async Task<decimal> GetLastPriceAsync(Symbol symbol, CancellationToken cancellationToken)
    {
        if (symbol.IsEmpty) throw new ArgumentException("The symbol is empty.", nameof(symbol));
        string what = "GET " + Path("ticker/price");
        byte[] body = await SendAsync(HttpMethod.Get, "ticker/price", "symbol=" + symbol.Value, signed: false, cancellationToken).ConfigureAwait(false);
        using JsonDocument document = BinanceTradingJson.Parse(body, what);
        return BinanceTradingJson.ParseLastPrice(document.RootElement, what);
    }

    /// <summary>Reads the account's balances (<c>GET /api/v3/account</c>), zero balances left out.</summary>
    /// <exception cref="BinanceApiException">Binance answered an error.</exception>
    /// <exception cref="BinanceRestException">The server cannot be reached or the answer does not parse.</exception>
    public async Task<IReadOnlyList<BinanceBalance>> GetBalancesAsync(CancellationToken cancellationToken)
    {
        string what = "GET " + Path("account");
        byte[] body = await SendAsync(HttpMethod.Get, "account", "omitZeroBalances=true", signed: true, cancellationToken).ConfigureAwait(false);
        using JsonDocument document = BinanceTradingJson.Parse(body, what);
        List<BinanceBalance> balances = BinanceTradingJson.ParseBalances(document.RootElement, what);
        // Older servers ignore omitZeroBalances; drop the zeros here so the answer is the same everywhere.
        balances.RemoveAll(b => b.Free == 0 && b.Locked == 0);
        return balances;
    }

    /// <summary>Returns a description without credentials.</summary>
    public override string ToString() => $"BinanceTradingClient {{ {_options.Endpoints.RestBase}, {_credentials} }}";

    private async Task<BinanceOrder> OrderCallAsync(HttpMethod method, Symbol symbol, string idParameter, CancellationToken cancellationToken)
    {
        if (symbol.IsEmpty) throw new ArgumentException("The symbol is empty.", nameof(symbol));
        byte[] body = await SendAsync(method, "order", "symbol=" + symbol.Value + "&" + idParameter, signed: true, cancellationToken).ConfigureAwait(false);
        BinanceOrder order = ParseOrder(body, $"{method.Method} {Path("order")}");
        if (method == HttpMethod.Delete)
            _onNotice(new BinanceTradingNotice(BinanceTradingNoticeKind.OrderCanceled,
                $"cancelled {order.Symbol} order {order.OrderId} (client id {order.ClientOrderId}): {order.Status}, filled {order.ExecutedQuantity}", TimeSpan.Zero));
        return order;
    }

    private static BinanceOrder ParseOrder(byte[] body, string what)
    {
        using JsonDocument document = BinanceTradingJson.Parse(body, what);
        return BinanceTradingJson.ParseOrder(document.RootElement, what);
    }

    private static string OrderIdParameter(long orderId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(orderId);
        return "orderId=" + orderId.ToString(CultureInfo.InvariantCulture);
    }

    private static string ClientIdParameter(string clientOrderId)
    {
        ArgumentNullException.ThrowIfNull(clientOrderId);
        if (!BinanceSymbolFilters.IsValidClientOrderId(clientOrderId))
            throw new ArgumentException("A client order id is 1 to 36 characters of A-Z, a-z, 0-9 and . : / _ -.", nameof(clientOrderId));
        return "origClientOrderId=" + Uri.EscapeDataString(clientOrderId);
    }

    private string Path(string endpoint) => _options.Endpoints.RestPathPrefix + "/" + endpoint;
}
