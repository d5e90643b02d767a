namespace Tickwise.Core.Strategies;

/// <summary>What a strategy talks to: the backtest engine or the live runner, which turn its targets into orders.</summary>
public interface IStrategyContext
{
    /// <summary>Publishes a signal.</summary>
    void Signal(in Signal signal);

    /// <summary>Sets the signed base quantity that <paramref name="variant"/> should hold in the strategy's
    /// <paramref name="symbolIndex"/>-th symbol; the context orders the difference from the current target.</summary>
    void SetTarget(int variant, int symbolIndex, decimal quantity);

    /// <summary>Returns the equity of <paramref name="variant"/>: its starting capital plus its profit net of fees,
    /// open positions marked at the latest closes.</summary>
    decimal Equity(int variant);
}
