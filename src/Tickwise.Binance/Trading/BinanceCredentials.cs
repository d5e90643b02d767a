using System.Diagnostics;
using System.Text;

namespace Tickwise.Binance.Trading;

/// <summary>A Binance API key and its HMAC secret, read from the environment.</summary>
/// <remarks>
/// The key travels in the <c>X-MBX-APIKEY</c> header and the secret never leaves the process: it only keys the
/// HMAC-SHA256 of <see cref="BinanceRequestSigner"/>. Neither appears in <see cref="ToString"/>, in the debugger
/// display, in an exception message or in a notice: credentials are as sensitive as a password.
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class BinanceCredentials
{
    /// <summary>The environment variable holding the API key.</summary>
    public const string ApiKeyVariable = "TICKWISE_BINANCE_API_KEY";

    /// <summary>The environment variable holding the API secret.</summary>
    public const string ApiSecretVariable = "TICKWISE_BINANCE_API_SECRET";

    private readonly string _apiKey;
    private readonly byte[] _secret;

    /// <summary>Creates credentials from a key and its secret.</summary>
    /// <exception cref="ArgumentException">Either is empty, blank or holds characters outside printable ASCII (the
    /// message never repeats the value).</exception>
    public BinanceCredentials(string apiKey, string apiSecret)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        ArgumentNullException.ThrowIfNull(apiSecret);
        if (!IsPrintableAscii(apiKey)) throw new ArgumentException("The API key is empty or has characters other than printable ASCII.", nameof(apiKey));
        if (!IsPrintableAscii(apiSecret)) throw new ArgumentException("The API secret is empty or has characters other than printable ASCII.", nameof(apiSecret));
        _apiKey = apiKey;
        _secret = Encoding.ASCII.GetBytes(apiSecret);
    }

    /// <summary>The API key, for the <c>X-MBX-APIKEY</c> header only.</summary>
    internal string ApiKey => _apiKey;

    /// <summary>The secret's bytes, to key the HMAC only.</summary>
    internal ReadOnlySpan<byte> Secret => _secret;

    /// <summary>Reads <see cref="ApiKeyVariable"/> and <see cref="ApiSecretVariable"/> from the process environment.</summary>
    /// <exception cref="InvalidOperationException">A variable is missing or empty; the message names both variables.</exception>
    public static BinanceCredentials FromEnvironment() => FromEnvironment(Environment.GetEnvironmentVariable);

    /// <summary>Reads the two variables through <paramref name="getVariable"/> (the environment, or a test's table).</summary>
    /// <exception cref="InvalidOperationException">A variable is missing or empty; the message names both variables.</exception>
    public static BinanceCredentials FromEnvironment(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        string? key = getVariable(ApiKeyVariable);
        string? secret = getVariable(ApiSecretVariable);
        var missing = new List<string>(2);
        if (string.IsNullOrWhiteSpace(key)) missing.Add(ApiKeyVariable);
        if (string.IsNullOrWhiteSpace(secret)) missing.Add(ApiSecretVariable);
        if (missing.Count > 0)
            throw new InvalidOperationException(
                $"Binance API credentials are missing: set {string.Join(" and ", missing)} (the testnet broker reads its keys from {ApiKeyVariable} and {ApiSecretVariable} only).");
        try
        {
            return new BinanceCredentials(key!.Trim(), secret!.Trim());
        }
        catch (ArgumentException e)
        {
            // Name the variable, never its value.
            string variable = e.ParamName == "apiKey" ? ApiKeyVariable : ApiSecretVariable;
            throw new InvalidOperationException($"{variable} is not a Binance credential: {e.Message.Split(" (Parameter", 2)[0]}");
        }
    }

    /// <summary>Returns a redacted description that holds neither the key nor the secret.</summary>
    public override string ToString() => "BinanceCredentials { ApiKey = [redacted], ApiSecret = [redacted] }";

    private static bool IsPrintableAscii(string value)
    {
        if (value.Length == 0 || value.Length > 1024) return false;
        foreach (char c in value)
            if (c is < '!' or > '~') return false;
        return true;
    }
}
