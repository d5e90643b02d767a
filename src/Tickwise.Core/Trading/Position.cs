using Tickwise.Core.Market;

namespace Tickwise.Core.Trading;

/// <summary>A signed position in one symbol with its average entry price and profit and loss, all exact (decimal).</summary>
/// <remarks>
/// <para><see cref="Quantity"/> is positive when long, negative when short. A fill in the position's direction moves the
/// average price to the quantity-weighted mean; a fill against it realizes (fill price − average) × closed quantity
/// (sign-adjusted) and leaves the average unchanged; a fill larger than the position closes it and opens the rest the
/// other way at the fill price.</para>
/// <para><see cref="RealizedPnl"/> is gross of fees; <see cref="Fees"/> holds them, so net P&amp;L = realized − fees + unrealized.</para>
/// </remarks>
public sealed class Position
{
    /// <summary>Creates a flat position in <paramref name="symbol"/>.</summary>
    public Position(Symbol symbol) => Symbol = symbol;

    /// <summary>The instrument.</summary>
    public Symbol Symbol { get; }

    /// <summary>Signed base quantity: positive long, negative short, zero flat.</summary>
    public decimal Quantity { get; private set; }

    /// <summary>Average entry price of the open quantity; zero when flat.</summary>
    public decimal AveragePrice { get; private set; }

    /// <summary>Quantity × average price, kept at each fill so that marking costs one product per bar.</summary>
    public decimal CostBasis { get; private set; }

    /// <summary>Profit realized by closing quantity, gross of fees, quote asset.</summary>
    public decimal RealizedPnl { get; private set; }

    /// <summary>Fees paid, quote asset.</summary>
    public decimal Fees { get; private set; }

    /// <summary><see cref="RealizedPnl"/> − <see cref="Fees"/>, kept at each fill: a backtest marks equity every bar, and
    /// both only move on fills.</summary>
    internal decimal RealizedNetOfFees { get; private set; }

    /// <summary>The time the current non-flat position opened, Unix ms; zero when flat.</summary>
    public long OpenedMs { get; private set; }

    /// <summary>True when the quantity is zero.</summary>
    /// <remarks>Kept at each fill rather than compared each time: a backtest asks it of every position every bar.</remarks>
    public bool IsFlat { get; private set; } = true;

    /// <summary>Returns the profit of the open quantity marked at <paramref name="markPrice"/>.</summary>
    public decimal UnrealizedPnl(decimal markPrice) => IsFlat ? 0 : Quantity * markPrice - CostBasis;

    /// <summary>Applies a fill and returns the profit it realized (gross of fees).</summary>
    /// <exception cref="ArgumentException">The fill is of another symbol.</exception>
    public decimal Apply(in Fill fill)
    {
        if (fill.Symbol != Symbol) throw new ArgumentException($"A {fill.Symbol} fill cannot change a {Symbol} position.", nameof(fill));
        Fees += fill.Fee;
        decimal delta = fill.SignedQuantity;
        decimal realized = 0;
        if (Quantity == 0 || Math.Sign(Quantity) == Math.Sign(delta))
        {
            if (Quantity == 0) OpenedMs = fill.TimeMs;
            decimal size = Math.Abs(Quantity) + Math.Abs(delta);
            AveragePrice = (AveragePrice * Math.Abs(Quantity) + fill.Price * Math.Abs(delta)) / size;
            Quantity += delta;
        }
        else
        {
            decimal closing = Math.Min(Math.Abs(delta), Math.Abs(Quantity));
            realized = closing * (fill.Price - AveragePrice) * Math.Sign(Quantity);
            RealizedPnl += realized;
            decimal after = Quantity + delta;
            if (after == 0)
            {
                AveragePrice = 0;
                OpenedMs = 0;
            }
            else if (Math.Sign(after) != Math.Sign(Quantity))
            {
                AveragePrice = fill.Price; // flipped: the rest opened at this fill's price
                OpenedMs = fill.TimeMs;
            }
            Quantity = after;
        }
        CostBasis = Quantity * AveragePrice;
        IsFlat = Quantity == 0;
        RealizedNetOfFees = RealizedPnl - Fees;
        return realized;
    }
}
