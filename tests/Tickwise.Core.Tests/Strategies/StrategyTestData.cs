using Tickwise.Core.Market;
using Tickwise.Core.Strategies;

namespace Tickwise.Core.Tests.Strategies;

/// <summary>Hand-made bars and a context that records what a strategy says.</summary>
internal static class StrategyTestData
{
    public const long T0 = 1_700_000_040_000; // a whole minute

    public static readonly Symbol Fil = new("FILUSDT");
    public static readonly Symbol Near = new("NEARUSDT");

    /// <summary>One-minute bars with these closes; each bar opens at <paramref name="openOffset"/> plus the previous close (the first at its own close).</summary>
    public static Bar[] MakeBars(Symbol symbol, decimal[] closes, decimal openOffset = 0)
    {
        var bars = new Bar[closes.Length];
        for (int i = 0; i < closes.Length; i++)
        {
            decimal open = i == 0 ? closes[0] : closes[i - 1] + openOffset;
            Price o = P(open), c = P(closes[i]);
            Price high = o > c ? o : c, low = o < c ? o : c;
            bars[i] = new Bar(symbol, Interval.OneMinute, T0 + i * 60_000L, o, high, low, c, 1m, closes[i], 1, 0m, 0m);
        }
        return bars;
    }

    public static Price P(decimal value) => Price.TryFromDecimal(value, out Price p) ? p : throw new ArgumentException($"{value}");

    public static long CloseMs(int index) => T0 + (index + 1) * 60_000L;
}

/// <summary>Records signals and targets; equity is fixed.</summary>
internal sealed class RecordingContext(decimal equity = 10_000m) : IStrategyContext
{
    public List<Signal> Signals { get; } = [];
    public List<(int Variant, int Symbol, decimal Quantity, int SignalCount)> Targets { get; } = [];
    public Action? OnTarget { get; set; }

    public void Signal(in Signal signal) => Signals.Add(signal);

    public void SetTarget(int variant, int symbolIndex, decimal quantity)
    {
        Targets.Add((variant, symbolIndex, quantity, Signals.Count));
        OnTarget?.Invoke();
    }

    public decimal Equity(int variant) => equity;

    public void Feed(IStrategy strategy, Bar[] bars)
    {
        foreach (Bar bar in bars) strategy.OnBars([bar], this);
    }
}
