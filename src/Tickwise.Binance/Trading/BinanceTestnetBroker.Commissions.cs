using Tickwise.Binance.Client;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Trading;

public sealed partial class BinanceTestnetBroker
{
    /// <summary>How long a price read to value commissions is used before it is read again.</summary>
    /// <remarks>A fee is about 0.1% of the trade, so a price a minute old misvalues it by a fraction of a fraction;
    /// reading it per fill would spend request weight on every trade of a busy strategy.</remarks>
    private static readonly TimeSpan CommissionPriceLifetime = TimeSpan.FromMinutes(1);

    /// <summary>Binance's "Invalid symbol": the exchange has no such market.</summary>
    private const int InvalidSymbol = -1121;

    /// <summary>Prices of third assets in a quote asset ("BNB/USDT"), or why there is none; the sender's alone.</summary>
    private readonly Dictionary<(string Asset, string Quote), CommissionPrice> _commissionPrices = [];

    /// <summary>Values the commissions charged in a third asset (neither the symbol's base nor its quote asset: BNB
    /// when the account pays fees with it) in the quote asset, at the last price of ASSET+QUOTE on the exchange, or of
    /// QUOTE+ASSET inverted when only that market exists. Sender thread only.</summary>
    /// <returns>The asset's price in the quote asset, or null with the reason when the exchange has no such market or
    /// cannot be asked (the fee then counts as zero and <see cref="Pump"/> says so once).</returns>
    private async Task<CommissionPrice?> CommissionPriceAsync(Symbol symbol, string asset, CancellationToken stop)
    {
        BinanceSymbolFilters exchange = _symbols[symbol].Exchange;
        if (asset == exchange.BaseAsset || asset == exchange.QuoteAsset || exchange.QuoteAsset.Length == 0) return null;
        long nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        if (_commissionPrices.TryGetValue((asset, exchange.QuoteAsset), out CommissionPrice? known) && nowMs - known.ReadMs < CommissionPriceLifetime.TotalMilliseconds)
            return known;

        var problems = new List<string>(2);
        bool transient = false;
        CommissionPrice price = await ReadPriceAsync(asset + exchange.QuoteAsset, invert: false)
            ?? await ReadPriceAsync(exchange.QuoteAsset + asset, invert: true)
            ?? new CommissionPrice(null, nowMs, $"no {asset}{exchange.QuoteAsset} or {exchange.QuoteAsset}{asset} price ({string.Join("; ", problems)})");
        // "No such market" is kept like a price; a failed request is tried again with the next fill.
        if (price.Value is not null || !transient) _commissionPrices[(asset, exchange.QuoteAsset)] = price;
        return price;

        async Task<CommissionPrice?> ReadPriceAsync(string market, bool invert)
        {
            if (!Symbol.TryParse(market.AsSpan(), out Symbol pair))
            {
                problems.Add($"{market} is not a symbol");
                return null;
            }
            try
            {
                decimal last = await _client.GetLastPriceAsync(pair, stop).ConfigureAwait(false);
                return new CommissionPrice(invert ? 1m / last : last, nowMs, null);
            }
            catch (Exception e) when (e is BinanceApiException or BinanceRestException)
            {
                problems.Add($"{market}: {e.Message}");
                transient |= e is not BinanceApiException { Code: InvalidSymbol };
                return null;
            }
        }
    }

    /// <summary>The prices of the third assets that <paramref name="charges"/> (fills or trades) are charged in, keyed by
    /// asset; null when none is.</summary>
    private async Task<Dictionary<string, CommissionPrice>?> CommissionPricesAsync<T>(Symbol symbol, IReadOnlyList<T>? charges,
        Func<T, (string Asset, decimal Amount)> commissionOf, CancellationToken stop)
    {
        if (charges is null) return null;
        Dictionary<string, CommissionPrice>? prices = null;
        foreach (T charge in charges)
        {
            (string asset, decimal amount) = commissionOf(charge);
            if (amount == 0 || (prices?.ContainsKey(asset) ?? false)) continue;
            if (await CommissionPriceAsync(symbol, asset, stop).ConfigureAwait(false) is { } price) (prices ??= new(StringComparer.Ordinal))[asset] = price;
        }
        return prices;
    }

    private Task<Dictionary<string, CommissionPrice>?> FillCommissionPricesAsync(Symbol symbol, IReadOnlyList<BinanceFill> fills, CancellationToken stop) =>
        CommissionPricesAsync(symbol, fills, static f => (f.CommissionAsset, f.Commission), stop);

    private Task<Dictionary<string, CommissionPrice>?> TradeCommissionPricesAsync(Symbol symbol, IReadOnlyList<BinanceTrade>? trades, CancellationToken stop) =>
        CommissionPricesAsync(symbol, trades, static t => (t.CommissionAsset, t.Commission), stop);

    /// <summary>A third asset's price in a quote asset, read at <paramref name="ReadMs"/>; <paramref name="Value"/> is null
    /// when it could not be read, and <paramref name="Problem"/> says why.</summary>
    private sealed record CommissionPrice(decimal? Value, long ReadMs, string? Problem);
}
