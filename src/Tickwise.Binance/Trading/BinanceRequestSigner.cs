using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Tickwise.Binance.Trading;

/// <summary>Signs Binance SIGNED (TRADE, USER_DATA) REST requests with HMAC-SHA256.</summary>
/// <remarks>
/// As Binance documents it: the signed payload is the query string immediately followed by the request body (no
/// <c>&amp;</c> between them), the key is the API secret, and the signature is the lower-case hex digest sent as the
/// last parameter, <c>signature</c>. <see cref="SignParameters"/> appends <c>recvWindow</c> and <c>timestamp</c>
/// (Unix ms) before signing, in the order of Binance's published example. Parameter values must already be
/// URL-encoded as they will be sent: the signature covers the exact bytes on the wire.
/// </remarks>
public sealed class BinanceRequestSigner
{
    /// <summary>The longest <c>recvWindow</c> Binance accepts, in milliseconds.</summary>
    public const int MaxRecvWindowMs = 60_000;

    private readonly BinanceCredentials _credentials;

    /// <summary>Creates a signer keyed by the secret of <paramref name="credentials"/>.</summary>
    public BinanceRequestSigner(BinanceCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        _credentials = credentials;
    }

    /// <summary>Returns the lower-case hex HMAC-SHA256 of <paramref name="queryString"/> followed by
    /// <paramref name="requestBody"/>.</summary>
    public string Sign(string queryString, string requestBody = "")
    {
        ArgumentNullException.ThrowIfNull(queryString);
        ArgumentNullException.ThrowIfNull(requestBody);
        int length = Encoding.UTF8.GetByteCount(queryString) + Encoding.UTF8.GetByteCount(requestBody);
        byte[] payload = new byte[length];
        int written = Encoding.UTF8.GetBytes(queryString, payload);
        Encoding.UTF8.GetBytes(requestBody, payload.AsSpan(written));
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_credentials.Secret, payload, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Returns <paramref name="parameters"/> with <c>recvWindow</c>, <c>timestamp</c> and, last,
    /// <c>signature</c> appended: the complete signed parameter string.</summary>
    /// <param name="parameters">The request's own parameters, <c>symbol=LTCBTC&amp;side=BUY...</c>, or empty.</param>
    /// <param name="timestampMs">The request time in Unix ms, on the server's clock.</param>
    /// <param name="recvWindowMs">How long the request stays valid after <paramref name="timestampMs"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="recvWindowMs"/> is not in 1..60000, or
    /// <paramref name="timestampMs"/> is not positive.</exception>
    public string SignParameters(string parameters, long timestampMs, int recvWindowMs)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfLessThan(recvWindowMs, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(recvWindowMs, MaxRecvWindowMs);
        ArgumentOutOfRangeException.ThrowIfLessThan(timestampMs, 1);
        string unsigned = string.Create(CultureInfo.InvariantCulture,
            $"{parameters}{(parameters.Length == 0 ? "" : "&")}recvWindow={recvWindowMs}&timestamp={timestampMs}");
        return unsigned + "&signature=" + Sign(unsigned);
    }

    /// <summary>Returns a redacted description (the signer holds a secret).</summary>
    public override string ToString() => "BinanceRequestSigner { HMAC-SHA256, key [redacted] }";
}
