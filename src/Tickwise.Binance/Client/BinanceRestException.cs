namespace Tickwise.Binance.Client;

/// <summary>A Binance REST call failed; the message says which call and why.</summary>
public sealed class BinanceRestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BinanceRestException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    public BinanceRestException(string message, Exception inner) : base(message, inner) { }
}
