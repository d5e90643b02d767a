using System.Globalization;
using System.Text;

namespace Tickwise.Binance.Tests.Trading;

internal sealed partial class FakeBinanceTradingServer
{
    private static readonly HashSet<string> Listed = new(StringComparer.Ordinal) { "BTCUSDT", "ETHUSDT", "HALTUSDT" };

    private Answer NewOrder(Dictionary<string, string> p)
    {
        if (!p.TryGetValue("symbol", out string? symbol) || !Listed.Contains(symbol)) return Answer.Error(400, -1121, "Invalid symbol.");
        if (!p.TryGetValue("side", out string? side) || side is not ("BUY" or "SELL")) return Answer.Error(400, -1102, "Mandatory parameter 'side' was not sent, was empty/null, or malformed.");
        if (!p.TryGetValue("type", out string? type) || type is not ("MARKET" or "LIMIT")) return Answer.Error(400, -1116, "Invalid orderType.");
        if (!p.TryGetValue("quantity", out string? qtyText) || !decimal.TryParse(qtyText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal qty) || qty <= 0)
            return Answer.Error(400, -1013, "Invalid quantity.");
        decimal price = 0;
        if (type == "LIMIT")
        {
            if (!p.TryGetValue("price", out string? priceText) || !decimal.TryParse(priceText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out price) || price <= 0)
                return Answer.Error(400, -1102, "Mandatory parameter 'price' was not sent, was empty/null, or malformed.");
            if (p.GetValueOrDefault("timeInForce") != "GTC") return Answer.Error(400, -1102, "Mandatory parameter 'timeInForce' was not sent, was empty/null, or malformed.");
        }
        else if (p.ContainsKey("price")) return Answer.Error(400, -1106, "Parameter 'price' sent when not required.");

        lock (_gate)
        {
            string clientId = p.GetValueOrDefault("newClientOrderId") ?? "web_" + _nextOrderId.ToString(CultureInfo.InvariantCulture);
            if (_orders.Any(o => o.ClientOrderId == clientId && o.Status == "NEW")) return Answer.Error(400, -2010, "Duplicate order sent.");
            long now = Now;
            var order = new FakeOrder(symbol, ++_nextOrderId, clientId, side, type, price, qty, now);
            if (type == "MARKET")
            {
                decimal fillPrice = decimal.Parse(MarketPrice, CultureInfo.InvariantCulture);
                order.Status = "FILLED";
                order.Executed = qty;
                order.QuoteQty = fillPrice * qty;
                order.Fills.Add((++_nextTradeId, fillPrice, qty, Commission(fillPrice, qty), CommissionAsset));
            }
            _orders.Add(order);
            return Answer.Ok(OrderJson(order, full: true, transactTime: now));
        }
    }

    private Answer QueryOrder(Dictionary<string, string> p)
    {
        lock (_gate)
        {
            FakeOrder? order = Find(p);
            return order is null ? Answer.Error(400, -2013, "Order does not exist.") : Answer.Ok(OrderJson(order, full: false, transactTime: null));
        }
    }

    private Answer CancelOrder(Dictionary<string, string> p)
    {
        lock (_gate)
        {
            FakeOrder? order = Find(p);
            if (order is null || order.Status is not ("NEW" or "PARTIALLY_FILLED")) return Answer.Error(400, -2011, "Unknown order sent.");
            order.Status = "CANCELED";
            order.UpdateTime = Now;
            return Answer.Ok(OrderJson(order, full: false, transactTime: order.UpdateTime));
        }
    }

    private Answer OpenOrders(Dictionary<string, string> p)
    {
        string? symbol = p.GetValueOrDefault("symbol");
        if (symbol is not null && !Listed.Contains(symbol)) return Answer.Error(400, -1121, "Invalid symbol.");
        lock (_gate)
        {
            var open = _orders.Where(o => o.Status is "NEW" or "PARTIALLY_FILLED" && (symbol is null || o.Symbol == symbol)).Select(o => OrderJson(o, full: false, transactTime: null));
            return Answer.Ok("[" + string.Join(",", open) + "]");
        }
    }

    /// <summary>The trades of one order (<c>orderId</c>), shaped as Binance's <c>myTrades</c> answer.</summary>
    private Answer MyTrades(Dictionary<string, string> p)
    {
        string? symbol = p.GetValueOrDefault("symbol");
        if (symbol is null || !Listed.Contains(symbol)) return Answer.Error(400, -1121, "Invalid symbol.");
        lock (_gate)
        {
            FakeOrder? order = p.ContainsKey("orderId") ? Find(p) : null;
            if (order is null) return Answer.Ok("[]");
            var trades = order.Fills.Select(f => string.Create(CultureInfo.InvariantCulture,
                $"{{\"symbol\":\"{order.Symbol}\",\"id\":{f.TradeId},\"orderId\":{order.OrderId},\"orderListId\":-1,\"price\":\"{D(f.Price)}\",\"qty\":\"{D(f.Qty)}\",\"quoteQty\":\"{D(f.Price * f.Qty)}\",\"commission\":\"{D(f.Commission)}\",\"commissionAsset\":\"{f.Asset}\",\"time\":{order.UpdateTime},\"isBuyer\":{(order.Side == "BUY" ? "true" : "false")},\"isMaker\":{(order.Type == "LIMIT" ? "true" : "false")},\"isBestMatch\":true}}"));
            return Answer.Ok("[" + string.Join(",", trades) + "]");
        }
    }

    private Answer Account(Dictionary<string, string> p) => Answer.Ok(
        $"{{\"makerCommission\":10,\"takerCommission\":10,\"canTrade\":true,\"accountType\":\"SPOT\",\"updateTime\":{Now}," +
        "\"balances\":[{\"asset\":\"BTC\",\"free\":\"1.00000000\",\"locked\":\"0.00000000\"}," +
        "{\"asset\":\"ETH\",\"free\":\"0.00000000\",\"locked\":\"0.00000000\"}," +
        "{\"asset\":\"USDT\",\"free\":\"9500.12345678\",\"locked\":\"499.87654322\"}],\"permissions\":[\"SPOT\"],\"uid\":1}");

    /// <summary>Fills <paramref name="quantity"/> (all that is left when null) of the open limit order
    /// <paramref name="clientOrderId"/> at its limit price, as a crossing trade on the exchange would.</summary>
    public void FillResting(string clientOrderId, decimal? quantity = null)
    {
        lock (_gate)
        {
            FakeOrder order = _orders.Last(o => o.ClientOrderId == clientOrderId && o.Status is "NEW" or "PARTIALLY_FILLED");
            decimal qty = quantity ?? order.Quantity - order.Executed;
            order.Executed += qty;
            order.QuoteQty += qty * order.Price;
            // A maker fill: its fee only myTrades tells.
            order.Fills.Add((++_nextTradeId, order.Price, qty, Commission(order.Price, qty), CommissionAsset));
            order.Status = order.Executed >= order.Quantity ? "FILLED" : "PARTIALLY_FILLED";
            order.UpdateTime = Now;
        }
    }

    /// <summary>Every order received, as (client order id, symbol, side, type, quantity).</summary>
    public IReadOnlyList<(string ClientOrderId, string Symbol, string Side, string Type, decimal Quantity)> Orders
    {
        get { lock (_gate) return [.. _orders.Select(o => (o.ClientOrderId, o.Symbol, o.Side, o.Type, o.Quantity))]; }
    }

    /// <summary>The asset fills charge their commission in (<c>USDT</c>, <c>BTC</c>, <c>BNB</c>).</summary>
    public string CommissionAsset { get; set; } = "USDT";

    /// <summary>The commission of a fill in <see cref="CommissionAsset"/>: 0.1% of the notional in USDT, 0.075% of it
    /// in a third asset whose USDT price <see cref="LastPrices"/> lists (Binance's BNB discount), else 0.1% of the
    /// quantity (the base asset).</summary>
    private decimal Commission(decimal price, decimal quantity)
    {
        string asset = CommissionAsset;
        if (asset == "USDT") return Math.Round(price * quantity * 0.001m, 8);
        if (LastPrices.TryGetValue(asset + "USDT", out string? assetPrice))
            return Math.Round(price * quantity * 0.00075m / decimal.Parse(assetPrice, CultureInfo.InvariantCulture), 8);
        return Math.Round(quantity * 0.001m, 8);
    }

    private FakeOrder? Find(Dictionary<string, string> p)
    {
        string? symbol = p.GetValueOrDefault("symbol");
        if (p.TryGetValue("orderId", out string? id)) return _orders.FirstOrDefault(o => o.Symbol == symbol && o.OrderId.ToString(CultureInfo.InvariantCulture) == id);
        if (p.TryGetValue("origClientOrderId", out string? clientId)) return _orders.LastOrDefault(o => o.Symbol == symbol && o.ClientOrderId == clientId);
        return null;
    }

    private static string OrderJson(FakeOrder o, bool full, long? transactTime)
    {
        var json = new StringBuilder();
        json.Append(CultureInfo.InvariantCulture, $"{{\"symbol\":\"{o.Symbol}\",\"orderId\":{o.OrderId},\"orderListId\":-1,\"clientOrderId\":\"{o.ClientOrderId}\",");
        if (transactTime is { } t) json.Append(CultureInfo.InvariantCulture, $"\"transactTime\":{t},");
        json.Append(CultureInfo.InvariantCulture, $"\"price\":\"{D(o.Price)}\",\"origQty\":\"{D(o.Quantity)}\",\"executedQty\":\"{D(o.Executed)}\",\"origQuoteOrderQty\":\"0.00000000\",");
        json.Append(CultureInfo.InvariantCulture, $"\"cummulativeQuoteQty\":\"{D(o.QuoteQty)}\",\"status\":\"{o.Status}\",\"timeInForce\":\"GTC\",\"type\":\"{o.Type}\",\"side\":\"{o.Side}\",");
        if (transactTime is null)
            json.Append(CultureInfo.InvariantCulture, $"\"stopPrice\":\"0.00000000\",\"icebergQty\":\"0.00000000\",\"time\":{o.Time},\"updateTime\":{o.UpdateTime},\"isWorking\":true,");
        json.Append(CultureInfo.InvariantCulture, $"\"workingTime\":{o.Time},\"selfTradePreventionMode\":\"EXPIRE_MAKER\"");
        if (full)
            json.Append(",\"fills\":[").Append(string.Join(",", o.Fills.Select(f => string.Create(CultureInfo.InvariantCulture,
                $"{{\"price\":\"{D(f.Price)}\",\"qty\":\"{D(f.Qty)}\",\"commission\":\"{D(f.Commission)}\",\"commissionAsset\":\"{f.Asset}\",\"tradeId\":{f.TradeId}}}")))).Append(']');
        return json.Append('}').ToString();
    }

    private static string D(decimal value) => value.ToString("0.00000000", CultureInfo.InvariantCulture);

    /// <summary>Shaped after Binance's documented <c>exchangeInfo</c> answer, with filters the client must skip.</summary>
    private static string ExchangeInfoJson(long now) => $$"""
        {"timezone":"UTC","serverTime":{{now}},"rateLimits":[{"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE","intervalNum":1,"limit":6000}],"exchangeFilters":[],
         "symbols":[
          {"symbol":"BTCUSDT","status":"TRADING","baseAsset":"BTC","baseAssetPrecision":8,"quoteAsset":"USDT","quotePrecision":8,"quoteAssetPrecision":8,
           "orderTypes":["LIMIT","LIMIT_MAKER","MARKET","STOP_LOSS_LIMIT","TAKE_PROFIT_LIMIT"],"icebergAllowed":true,"ocoAllowed":true,"isSpotTradingAllowed":true,
           "filters":[
            {"filterType":"PRICE_FILTER","minPrice":"0.01000000","maxPrice":"1000000.00000000","tickSize":"0.01000000"},
            {"filterType":"LOT_SIZE","minQty":"0.00001000","maxQty":"9000.00000000","stepSize":"0.00001000"},
            {"filterType":"ICEBERG_PARTS","limit":10},
            {"filterType":"MARKET_LOT_SIZE","minQty":"0.00000000","maxQty":"100.00000000","stepSize":"0.00000000"},
            {"filterType":"PERCENT_PRICE_BY_SIDE","bidMultiplierUp":"5","bidMultiplierDown":"0.2","askMultiplierUp":"5","askMultiplierDown":"0.2","avgPriceMins":5},
            {"filterType":"NOTIONAL","minNotional":"5.00000000","applyMinToMarket":true,"maxNotional":"9000000.00000000","applyMaxToMarket":false,"avgPriceMins":5},
            {"filterType":"MAX_NUM_ORDERS","maxNumOrders":200}],
           "permissions":[],"permissionSets":[["SPOT"]],"defaultSelfTradePreventionMode":"EXPIRE_MAKER"},
          {"symbol":"ETHUSDT","status":"TRADING","baseAsset":"ETH","quoteAsset":"USDT","orderTypes":["LIMIT","MARKET"],
           "filters":[
            {"filterType":"PRICE_FILTER","minPrice":"0.01000000","maxPrice":"0.00000000","tickSize":"0.01000000"},
            {"filterType":"LOT_SIZE","minQty":"0.00010000","maxQty":"100000.00000000","stepSize":"0.00010000"},
            {"filterType":"MIN_NOTIONAL","minNotional":"10.00000000","applyToMarket":true,"avgPriceMins":5}]},
          {"symbol":"HALTUSDT","status":"BREAK","baseAsset":"HALT","quoteAsset":"USDT","orderTypes":["LIMIT","MARKET"],
           "filters":[{"filterType":"LOT_SIZE","minQty":"1.00000000","maxQty":"1000.00000000","stepSize":"1.00000000"}]}
         ]}
        """;

    private sealed class FakeOrder(string symbol, long orderId, string clientOrderId, string side, string type, decimal price, decimal quantity, long time)
    {
        public string Symbol { get; } = symbol;
        public long OrderId { get; } = orderId;
        public string ClientOrderId { get; } = clientOrderId;
        public string Side { get; } = side;
        public string Type { get; } = type;
        public decimal Price { get; } = price;
        public decimal Quantity { get; } = quantity;
        public long Time { get; } = time;
        public long UpdateTime { get; set; } = time;
        public string Status { get; set; } = "NEW";
        public decimal Executed { get; set; }
        public decimal QuoteQty { get; set; }
        public List<(long TradeId, decimal Price, decimal Qty, decimal Commission, string Asset)> Fills { get; } = [];
    }
}
