using System.Text;
using BenchmarkDotNet.Attributes;
using Tickwise.Binance.Trading;
using Tickwise.Core.Market;

namespace Tickwise.Bench;

/// <summary>
/// The local cost of a Binance order before the network: signing its parameters (HMAC-SHA256), checking it against the
/// symbol's filters, and parsing an exchangeInfo answer of 2,000 symbols (about the size of mainnet's). Not a hot path
/// (orders are rare); the figures show the client adds microseconds to a round trip of milliseconds.
/// </summary>
[MemoryDiagnoser]
public class BinanceTradingBenchmarks
{
    private const string Parameters = "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.001&price=60000.01&newClientOrderId=bench-1&newOrderRespType=FULL";

    private BinanceRequestSigner _signer = null!;
    private BinanceSymbolFilters _filters = null!;
    private BinanceNewOrder _order = null!;
    private byte[] _exchangeInfo = [];

    [GlobalSetup]
    public void Setup()
    {
        _signer = new BinanceRequestSigner(new BinanceCredentials("benchKey0123456789", "benchSecret0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH"));
        _filters = new BinanceSymbolFilters
        {
            Symbol = new Symbol("BTCUSDT"),
            QuoteAsset = "USDT",
            MinPrice = Price.Parse("0.01"),
            MaxPrice = Price.Parse("1000000"),
            TickSize = Price.Parse("0.01"),
            MinQuantity = Quantity.Parse("0.00001"),
            MaxQuantity = Quantity.Parse("9000"),
            StepSize = Quantity.Parse("0.00001"),
            MinNotional = 5m,
            MaxNotional = 9_000_000m,
        };
        _order = BinanceNewOrder.Limit(new Symbol("BTCUSDT"), BinanceOrderSide.Buy, Quantity.Parse("0.001"), Price.Parse("60000.01"), "bench-1");
        var json = new StringBuilder("{\"serverTime\":1700000000000,\"symbols\":[");
        for (int i = 0; i < 2000; i++)
        {
            json.Append(i == 0 ? "" : ",").Append("{\"symbol\":\"S").Append(i).Append("USDT\",\"status\":\"TRADING\",\"baseAsset\":\"S").Append(i)
                .Append("\",\"quoteAsset\":\"USDT\",\"orderTypes\":[\"LIMIT\",\"LIMIT_MAKER\",\"MARKET\"],\"filters\":[")
                .Append("{\"filterType\":\"PRICE_FILTER\",\"minPrice\":\"0.01000000\",\"maxPrice\":\"1000000.00000000\",\"tickSize\":\"0.01000000\"},")
                .Append("{\"filterType\":\"LOT_SIZE\",\"minQty\":\"0.00001000\",\"maxQty\":\"9000.00000000\",\"stepSize\":\"0.00001000\"},")
                .Append("{\"filterType\":\"ICEBERG_PARTS\",\"limit\":10},")
                .Append("{\"filterType\":\"MARKET_LOT_SIZE\",\"minQty\":\"0.00000000\",\"maxQty\":\"100.00000000\",\"stepSize\":\"0.00000000\"},")
                .Append("{\"filterType\":\"NOTIONAL\",\"minNotional\":\"5.00000000\",\"applyMinToMarket\":true,\"maxNotional\":\"9000000.00000000\",\"applyMaxToMarket\":false,\"avgPriceMins\":5}]}");
        }
        _exchangeInfo = Encoding.UTF8.GetBytes(json.Append("]}").ToString());
    }

    [Benchmark]
    public string SignParameters() => _signer.SignParameters(Parameters, 1_700_000_000_000, 5000);

    [Benchmark]
    public bool CheckOrder() => _filters.Check(_order, out _, out _);

    [Benchmark]
    public int ParseExchangeInfo2000Symbols() =>
        BinanceExchangeInfo.TryParse(_exchangeInfo, out BinanceExchangeInfo? info, out _) ? info!.Symbols.Count : 0;
}
