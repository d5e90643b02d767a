using System.Globalization;
using System.Net;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Client;

/// <summary>The public REST calls a stream client needs: pages of aggregated or raw trades for gap repair, and order
/// book snapshots.</summary>
/// <remarks>
/// <para>Binance's spot documentation lists <c>/api/v3/historicalTrades</c> without a security type (no API key needed;
/// it used to be <c>MARKET_DATA</c>, which needed one), while the USD-M futures documentation still marks
/// <c>/fapi/v1/historicalTrades</c> <c>MARKET_DATA</c>: it wants an <c>X-MBX-APIKEY</c> header. When an API key is given,
/// it is sent on that call only (never on the others, and never logged); an exchange refusing the call for want of a
/// key is reported as such.</para>
/// <para>
/// HTTP 429 (too many requests) and 418 (banned for ignoring 429) are honoured: the client waits for the
/// <c>Retry-After</c> the exchange gives (seconds or a date; <see cref="DefaultRetryAfter"/> when absent), reports it
/// through the notice callback, and asks again; such waits do not count as failed attempts. Any other failure throws
/// <see cref="BinanceRestException"/>, and the caller decides whether to retry. Time comes from the injected
/// <see cref="TimeProvider"/>.</para>
/// </remarks>
public sealed class BinanceRestClient
{
    /// <summary>The wait after a 429 or 418 that names no <c>Retry-After</c>.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(10);

    private const int MaxAnswerBytes = 16 << 20;

    private readonly HttpClient _http;
    private readonly BinanceEndpoints _endpoints;
    private readonly TimeProvider _time;
    private readonly Action<StreamNotice> _onNotice;
    private readonly string? _apiKey;

    /// <summary>Creates a client over <paramref name="http"/> (owned by the caller).</summary>
    /// <param name="http">The HTTP client.</param>
    /// <param name="endpoints">Where the REST API is.</param>
    /// <param name="time">The clock the rate-limit waits run on.</param>
    /// <param name="onNotice">Receives rate-limit waits; may be null.</param>
    /// <param name="apiKey">The Binance API key sent as <c>X-MBX-APIKEY</c> on <c>historicalTrades</c>; null or empty for none.</param>
    public BinanceRestClient(HttpClient http, BinanceEndpoints endpoints, TimeProvider time, Action<StreamNotice>? onNotice = null, string? apiKey = null)
    {
        _apiKey = string.IsNullOrWhiteSpace(apiKey) ? null : apiKey.Trim();
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(time);
        _http = http;
        _endpoints = endpoints;
        _time = time;
        _onNotice = onNotice ?? (_ => { });
    }

    /// <summary>True when an API key is sent on <c>historicalTrades</c>.</summary>
    public bool HasApiKey => _apiKey is not null;

    /// <summary>Gets or sets what sees each successfully parsed answer (a recorder); set it before the client is used.</summary>
    public RestAnswerObserver? OnAnswer { get; set; }

    /// <summary>Times the exchange asked to slow down (429 or 418).</summary>
    public long RateLimitWaits { get; private set; }

    /// <summary>Appends to <paramref name="trades"/> up to <paramref name="limit"/> aggregated trades of
    /// <paramref name="symbol"/> from id <paramref name="fromId"/> on, in id order.</summary>
    /// <returns>How many trades were appended; fewer than <paramref name="limit"/> means the history ends there.</returns>
    /// <exception cref="BinanceRestException">The request failed, the status is an error other than 429/418, or the
    /// answer does not parse.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<int> GetAggTradesAsync(Symbol symbol, long fromId, int limit, List<Trade> trades, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 1000);
        Uri uri = _endpoints.RestUri("aggTrades", $"symbol={symbol}&fromId={fromId.ToString(CultureInfo.InvariantCulture)}&limit={limit.ToString(CultureInfo.InvariantCulture)}");
        byte[] body = await GetAsync(uri, symbol, "aggTrades", cancellationToken).ConfigureAwait(false);
        int before = trades.Count;
        if (!AggTradeRestParser.TryParse(body, symbol, trades, out string error))
            throw new BinanceRestException($"{uri.GetLeftPart(UriPartial.Path)} answered something that is not a list of aggregated trades: {error}");
        Observe(symbol, RestAnswerKind.AggTrades, body);
        return trades.Count - before;
    }

    /// <summary>Appends to <paramref name="trades"/> up to <paramref name="limit"/> raw trades of <paramref name="symbol"/>
    /// from id <paramref name="fromId"/> on, in id order (<c>historicalTrades</c>, with the API key when one was given).</summary>
    /// <returns>How many trades were appended; fewer than <paramref name="limit"/> means the history ends there.</returns>
    /// <exception cref="BinanceRestException">The request failed (saying so when the exchange wants an API key and none
    /// was given), the status is an error other than 429/418, or the answer does not parse.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<int> GetHistoricalTradesAsync(Symbol symbol, long fromId, int limit, List<Trade> trades, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 1000);
        Uri uri = _endpoints.RestUri("historicalTrades", $"symbol={symbol}&fromId={fromId.ToString(CultureInfo.InvariantCulture)}&limit={limit.ToString(CultureInfo.InvariantCulture)}");
        byte[] body = await GetAsync(uri, symbol, "historicalTrades", cancellationToken, withApiKey: true).ConfigureAwait(false);
        int before = trades.Count;
        if (!HistoricalTradeRestParser.TryParse(body, symbol, trades, out string error))
            throw new BinanceRestException($"{uri.GetLeftPart(UriPartial.Path)} answered something that is not a list of trades: {error}");
        Observe(symbol, RestAnswerKind.HistoricalTrades, body);
        return trades.Count - before;
    }

    /// <summary>Reads the order book snapshot of <paramref name="symbol"/> (<c>/depth</c>, up to <paramref name="limit"/>
    /// levels a side) into <paramref name="snapshot"/>.</summary>
    /// <exception cref="BinanceRestException">The request failed, the status is an error other than 429/418, or the
    /// answer is not a depth snapshot.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task GetDepthSnapshotAsync(Symbol symbol, int limit, Streams.DepthUpdate snapshot, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 5000);
        ArgumentNullException.ThrowIfNull(snapshot);
        Uri uri = _endpoints.RestUri("depth", $"symbol={symbol}&limit={limit.ToString(CultureInfo.InvariantCulture)}");
        byte[] body = await GetAsync(uri, symbol, "depth", cancellationToken).ConfigureAwait(false);
        Streams.ParseResult result = Streams.BinanceMessageParser.Parse(body, snapshot, out Streams.StreamMessage message);
        if (!result.IsParsed || message.Kind != Streams.StreamMessageKind.DepthSnapshot)
            throw new BinanceRestException($"{uri.GetLeftPart(UriPartial.Path)} answered something that is not a depth snapshot: {(result.IsParsed ? "another message" : result.Detail)}");
        Observe(symbol, RestAnswerKind.DepthSnapshot, body);
    }

    private void Observe(Symbol symbol, RestAnswerKind kind, byte[] body)
    {
        if (OnAnswer is { } observe) observe((_time.GetUtcNow().UtcTicks - DateTime.UnixEpoch.Ticks) * 100, symbol, kind, body);
    }

    /// <summary>GETs <paramref name="uri"/>, waiting out 429/418 as told, and returns the body.</summary>
    private async Task<byte[]> GetAsync(Uri uri, Symbol symbol, string what, CancellationToken cancellationToken, bool withApiKey = false)
    {
        while (true)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                if (withApiKey && _apiKey is not null) request.Headers.TryAddWithoutValidation("X-MBX-APIKEY", _apiKey);
                using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode is HttpStatusCode.TooManyRequests or (HttpStatusCode)418)
                {
                    TimeSpan wait = RetryAfter(response);
                    RateLimitWaits++;
                    _onNotice(new StreamNotice(StreamNoticeKind.RateLimited, $"{uri.Host} answered {(int)response.StatusCode} to {symbol} {what}; waiting {DurationText.Of(wait)} as told", wait));
                    await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                if (withApiKey && _apiKey is null && response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest or HttpStatusCode.Forbidden)
                    throw new BinanceRestException($"{uri.GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode} {response.ReasonPhrase}: this call may need an API key; set {Trading.BinanceCredentials.ApiKeyVariable}");
                if (!response.IsSuccessStatusCode)
                    throw new BinanceRestException($"{uri.GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode} {response.ReasonPhrase}");
                if (response.Content.Headers.ContentLength > MaxAnswerBytes)
                    throw new BinanceRestException($"{uri.GetLeftPart(UriPartial.Path)} answered {response.Content.Headers.ContentLength} bytes, more than {MaxAnswerBytes}");
                return await ReadBoundedAsync(response.Content, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw new BinanceRestException($"cannot reach {uri.GetLeftPart(UriPartial.Authority)}: {e.Message}", e);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new BinanceRestException($"{uri.GetLeftPart(UriPartial.Path)} timed out", e);
            }
        }
    }

    private TimeSpan RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        TimeSpan wait = header?.Delta ?? (header?.Date is { } date ? date - _time.GetUtcNow() : DefaultRetryAfter);
        // A Retry-After in the past or absurdly far ahead is a server bug; stay polite but do not hang for a day.
        if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;
        if (wait > TimeSpan.FromMinutes(10)) wait = TimeSpan.FromMinutes(10);
        return wait;
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxAnswerBytes) throw new BinanceRestException($"the answer is longer than {MaxAnswerBytes} bytes");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
