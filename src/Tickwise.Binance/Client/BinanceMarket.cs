namespace Tickwise.Binance.Client;

/// <summary>Which Binance venue a client talks to; each has its own default endpoints (see <see cref="BinanceEndpoints"/>).</summary>
public enum BinanceMarket : byte
{
    /// <summary>Spot: <c>wss://stream.binance.com:9443</c>, <c>https://api.binance.com/api/v3</c>.</summary>
    Spot = 0,

    /// <summary>USD-M futures: <c>wss://fstream.binance.com</c>, <c>https://fapi.binance.com/fapi/v1</c>.</summary>
    Futures = 1,

    /// <summary>Spot testnet: <c>wss://stream.testnet.binance.vision</c>, <c>https://testnet.binance.vision/api/v3</c>.</summary>
    Testnet = 2,
}
