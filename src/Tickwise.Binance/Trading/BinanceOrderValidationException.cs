using Tickwise.Core.Market;

namespace Tickwise.Binance.Trading;

/// <summary>An order breaks a rule the exchange would enforce; it was refused before any request was sent.</summary>
public sealed class BinanceOrderValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BinanceOrderValidationException(Symbol symbol, BinanceOrderViolation violation, string message)
        : base(message)
    {
        Symbol = symbol;
        Violation = violation;
    }

    /// <summary>The order's symbol.</summary>
    public Symbol Symbol { get; }

    /// <summary>The rule the order breaks.</summary>
    public BinanceOrderViolation Violation { get; }
}
