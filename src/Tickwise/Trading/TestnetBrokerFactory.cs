using Tickwise.Binance.Client;
using Tickwise.Binance.Trading;
using Tickwise.Core.Market;

namespace Tickwise.Trading;

/// <summary>Connects a <see cref="BinanceTestnetBroker"/> for <c>run</c>/<c>replay --broker testnet</c>: keys from the
/// environment, the REST base from <c>--trade-url</c>, rules and keys checked before the pipeline starts.</summary>
internal static class TestnetBrokerFactory
{
    /// <summary>Binance's spot testnet, the default of <c>--trade-url</c>.</summary>
    public const string DefaultTradeUrl = "https://testnet.binance.vision";

    /// <summary>How long one request may take before its outcome counts as unknown.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Connects to the exchange at <paramref name="tradeUrl"/> and returns a broker trading <paramref name="symbols"/>.</summary>
    /// <param name="tradeUrl">The REST base, http:// or https://.</param>
    /// <param name="symbols">The symbols to trade.</param>
    /// <param name="warn">Receives rate-limit notices.</param>
    /// <exception cref="InvalidOperationException">Keys are missing, the address is not one, or the exchange cannot be
    /// reached or refuses; the one-line message names neither key nor secret.</exception>
    public static BinanceTestnetBroker Connect(string tradeUrl, IReadOnlyList<Symbol> symbols, Action<string> warn)
    {
        if (!Uri.TryCreate(tradeUrl.Trim(), UriKind.Absolute, out Uri? restBase) || restBase.Scheme is not ("http" or "https"))
            throw new InvalidOperationException($"'{tradeUrl}' is not an http:// or https:// address.");
        BinanceCredentials credentials = BinanceCredentials.FromEnvironment(); // InvalidOperationException names the variables
        var http = new HttpClient { Timeout = RequestTimeout };
        var options = new BinanceTradingOptions { Endpoints = BinanceEndpoints.Of(BinanceMarket.Testnet).With(null, restBase) };
        var client = new BinanceTradingClient(http, credentials, options, TimeProvider.System, notice =>
        {
            if (notice.Kind is BinanceTradingNoticeKind.RateLimited or BinanceTradingNoticeKind.TimestampRejected) warn(notice.Message);
        });
        try
        {
            return BinanceTestnetBroker.ConnectAsync(client, symbols).GetAwaiter().GetResult();
        }
        catch (BinanceApiException e)
        {
            http.Dispose();
            throw new InvalidOperationException($"the exchange at {restBase.GetLeftPart(UriPartial.Authority)} refused: {e.Message}", e);
        }
        catch (BinanceRestException e)
        {
            http.Dispose();
            throw new InvalidOperationException($"cannot use the exchange at {restBase.GetLeftPart(UriPartial.Authority)}: {OneLine(e.Message)}", e);
        }
        catch (ArgumentException e)
        {
            http.Dispose();
            throw new InvalidOperationException($"the exchange at {restBase.GetLeftPart(UriPartial.Authority)}: {e.Message.Split(" (Parameter", 2)[0]}", e);
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
