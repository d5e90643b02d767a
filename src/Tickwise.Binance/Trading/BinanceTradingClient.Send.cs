using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Tickwise.Binance.Client;

namespace Tickwise.Binance.Trading;

public sealed partial class BinanceTradingClient
{
    private const int MaxAnswerBytes = BinanceExchangeInfo.MaxAnswerBytes;
    private static readonly MediaTypeHeaderValue FormContentType = new("application/x-www-form-urlencoded");

    /// <summary>Sends one request, signing it when <paramref name="signed"/>, and returns the body of its 2xx answer.</summary>
    /// <remarks>Retries only what Binance refused without processing: -1021 once after a clock resync, and 429/418
    /// after their <c>Retry-After</c>. A fresh timestamp and signature are made for every attempt.</remarks>
    private async Task<byte[]> SendAsync(HttpMethod method, string endpoint, string parameters, bool signed, CancellationToken cancellationToken)
    {
        string path = Path(endpoint);
        if (signed && !_clockSynced) await SyncClockAsync(cancellationToken).ConfigureAwait(false);
        bool resynced = false;
        int waits = 0;
        while (true)
        {
            using HttpRequestMessage request = BuildRequest(method, endpoint, parameters, signed);
            (HttpStatusCode status, byte[] body, RetryConditionHeaderValue? retryHeader) =
                await ExchangeAsync(request, method, path, cancellationToken).ConfigureAwait(false);
            if ((int)status is >= 200 and < 300) return body;

            bool hasCode = BinanceTradingJson.TryParseError(body, out int code, out string message);
            if (status is HttpStatusCode.TooManyRequests or (HttpStatusCode)418)
            {
                TimeSpan wait = RetryAfter(retryHeader);
                if (wait > _options.MaxRetryAfter || waits >= _options.MaxRateLimitWaits)
                    throw Failed(new BinanceApiException(method.Method, path, (int)status, code, hasCode ? message : "rate limited", wait));
                waits++;
                RateLimitWaits++;
                _onNotice(new BinanceTradingNotice(BinanceTradingNoticeKind.RateLimited,
                    $"{method.Method} {path} answered {(int)status}{(hasCode ? $" ({code.ToString(CultureInfo.InvariantCulture)} {message})" : "")}; waiting {DurationText.Of(wait)} as told", wait));
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }
            if (signed && code == BinanceApiException.TimestampOutsideRecvWindow && !resynced)
            {
                _onNotice(new BinanceTradingNotice(BinanceTradingNoticeKind.TimestampRejected,
                    $"{method.Method} {path}: Binance refused the timestamp (offset {ClockOffsetMs.ToString(CultureInfo.InvariantCulture)} ms, recvWindow {_options.RecvWindowMs.ToString(CultureInfo.InvariantCulture)} ms); resynchronising the clock and trying once more", TimeSpan.Zero));
                resynced = true;
                await SyncClockAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }
            throw Failed(hasCode
                ? new BinanceApiException(method.Method, path, (int)status, code, message)
                : new BinanceApiException(method.Method, path, (int)status, 0, ""));
        }
    }

    private HttpRequestMessage BuildRequest(HttpMethod method, string endpoint, string parameters, bool signed)
    {
        string payload = signed
            ? _signer.SignParameters(parameters, _time.GetUtcNow().ToUnixTimeMilliseconds() + ClockOffsetMs, _options.RecvWindowMs)
            : parameters;
        bool inBody = method == HttpMethod.Post;
        string target = Path(endpoint) + (!inBody && payload.Length > 0 ? "?" + payload : "");
        var request = new HttpRequestMessage(method, new Uri(_options.Endpoints.RestBase, target));
        if (inBody)
        {
            request.Content = new ByteArrayContent(Encoding.ASCII.GetBytes(payload));
            request.Content.Headers.ContentType = FormContentType;
        }
        if (signed) request.Headers.TryAddWithoutValidation("X-MBX-APIKEY", _credentials.ApiKey);
        return request;
    }

    private async Task<(HttpStatusCode Status, byte[] Body, RetryConditionHeaderValue? RetryAfter)> ExchangeAsync(
        HttpRequestMessage request, HttpMethod method, string path, CancellationToken cancellationToken)
    {
        try
        {
            using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.Content.Headers.ContentLength > MaxAnswerBytes)
                throw new BinanceRestException($"{method.Method} {path} answered {response.Content.Headers.ContentLength} bytes, more than {MaxAnswerBytes}");
            byte[] body = await ReadBoundedAsync(response.Content, method, path, cancellationToken).ConfigureAwait(false);
            return (response.StatusCode, body, response.Headers.RetryAfter);
        }
        catch (HttpRequestException e)
        {
            // The inner exception says host and port, never headers or the query: safe to keep as the cause.
            throw Failed(new BinanceRestException($"{method.Method} {path}: cannot reach {_options.Endpoints.RestBase.GetLeftPart(UriPartial.Authority)}: {e.Message}{Unknown(method)}", e));
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failed(new BinanceRestException($"{method.Method} {path} timed out{Unknown(method)}", e));
        }
    }

    private static string Unknown(HttpMethod method) => method == HttpMethod.Get ? "" : "; the order's state is unknown until it is queried";

    private TimeSpan RetryAfter(RetryConditionHeaderValue? header)
    {
        TimeSpan wait = header?.Delta ?? (header?.Date is { } date ? date - _time.GetUtcNow() : _options.DefaultRetryAfter);
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    private Exception Failed(Exception e)
    {
        _onNotice(new BinanceTradingNotice(BinanceTradingNoticeKind.RequestFailed, e.Message, TimeSpan.Zero));
        return e;
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, HttpMethod method, string path, CancellationToken cancellationToken)
    {
        await using Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxAnswerBytes) throw new BinanceRestException($"{method.Method} {path} answered more than {MaxAnswerBytes} bytes");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
