namespace Tickwise.Binance.Trading;

/// <summary>Binance answered a REST request with an error: its <c>{"code":..,"msg":..}</c>, or an HTTP status without one.</summary>
/// <remarks>
/// The message names the method, the path (never the query, which carries the signature), the Binance code and
/// message, and the HTTP status, as in <c>POST /api/v3/order: Binance error -2010 "Account has insufficient
/// balance for requested action." (HTTP 400)</c>. Codes are Binance's: -1021 timestamp outside recvWindow, -1022
/// invalid signature, -1003 too many requests, -2010 new order rejected, -2011 cancel rejected, -2013 no such order.
/// </remarks>
public sealed class BinanceApiException : Exception
{
    /// <summary>Binance's "timestamp for this request is outside of the recvWindow".</summary>
    public const int TimestampOutsideRecvWindow = -1021;

    /// <summary>Binance's "signature for this request is not valid".</summary>
    public const int InvalidSignature = -1022;

    private const int MaxQuotedMessage = 300;

    /// <summary>Creates the exception.</summary>
    /// <param name="method">The HTTP method, <c>POST</c>.</param>
    /// <param name="path">The path without query, <c>/api/v3/order</c>.</param>
    /// <param name="httpStatus">The HTTP status code.</param>
    /// <param name="code">Binance's error code, or 0 when the answer had none.</param>
    /// <param name="binanceMessage">Binance's <c>msg</c>, or empty.</param>
    /// <param name="retryAfter">The <c>Retry-After</c> of a 429 or 418, when given.</param>
    public BinanceApiException(string method, string path, int httpStatus, int code, string binanceMessage, TimeSpan? retryAfter = null)
        : base(Describe(method, path, httpStatus, code, binanceMessage, retryAfter))
    {
        Method = method;
        Path = path;
        HttpStatus = httpStatus;
        Code = code;
        BinanceMessage = binanceMessage;
        RetryAfter = retryAfter;
    }

    /// <summary>The HTTP method of the failed request.</summary>
    public string Method { get; }

    /// <summary>The path of the failed request, without query.</summary>
    public string Path { get; }

    /// <summary>The HTTP status code.</summary>
    public int HttpStatus { get; }

    /// <summary>Binance's error code (negative), or 0 when the answer had none.</summary>
    public int Code { get; }

    /// <summary>Binance's error message, or empty.</summary>
    public string BinanceMessage { get; }

    /// <summary>How long Binance asked to wait (429, 418), when it said.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>True for 429 (too many requests) and 418 (IP banned for ignoring 429).</summary>
    public bool IsRateLimited => HttpStatus is 429 or 418;

    private static string Describe(string method, string path, int httpStatus, int code, string message, TimeSpan? retryAfter)
    {
        string quoted = message.Length > MaxQuotedMessage ? message[..MaxQuotedMessage] + "..." : message;
        string what = code != 0 ? $"Binance error {code} \"{quoted}\"" : quoted.Length > 0 ? $"\"{quoted}\"" : "an error without a Binance code";
        string wait = retryAfter is { } r ? $", retry after {r.TotalSeconds:0.#} s" : "";
        return $"{method} {path}: {what} (HTTP {httpStatus}{wait})";
    }
}
