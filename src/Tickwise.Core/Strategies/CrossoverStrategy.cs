using Tickwise.Core.Indicators;
using Tickwise.Core.Market;

namespace Tickwise.Core.Strategies;

/// <summary>SMA crossover on closes with an EMA confirmation, long or flat, in two risk variants side by side that differ
/// only by their stop-loss (A: 15 %, B: 10 % by default), each with its own position.</summary>
/// <remarks>
/// <para>Trigger: the fast SMA crosses the slow SMA on a bar's close: <b>up</b> when fast − slow goes from ≤ 0 to &gt; 0,
/// <b>down</b> when it goes from ≥ 0 to &lt; 0. Nothing happens before the slow SMA and the EMA are ready.</para>
/// <para>Strength: an up cross is STRONG when the close is above the EMA and the EMA rose on this bar (the trend agrees),
/// MODERATE otherwise; a down cross mirrors it. With <c>confirm=1</c> only STRONG up crosses enter.</para>
/// <para>Each variant, when flat, buys on an up cross (<c>notional</c> quote currency worth at the close, or its whole
/// equity when <c>notional</c> is 0, the default; rounded down to 8 decimals; no entry without positive equity) and, when long, exits on a down cross, or when the close falls to its entry close × (1 − stop) (a stop is
/// checked on closes, like every decision). After an exit the variant waits for the next up cross.</para>
/// <para>The entry reference for the stop is the signal bar's close, not the fill, so that signals depend only on bars.</para>
/// </remarks>
public sealed class CrossoverStrategy : IStrategy
{
    private static readonly string[] VariantNames = ["A", "B"];
    private readonly Sma _fast, _slow;
    private readonly Ema _ema;
    private readonly decimal[] _stops;
    private readonly decimal _notional;
    private readonly bool _confirm;
    private readonly bool[] _long = new bool[2];
    private readonly long[] _stopRaw = new long[2]; // raw close at or below which a variant stops out
    private readonly string _upReason, _downReason;
    private readonly string[] _stopReasons;
    private double _previousDiff = double.NaN, _previousEma = double.NaN;

    /// <summary>Creates the strategy from its parameters (see <see cref="Parameters"/>).</summary>
    /// <exception cref="ArgumentException">The fast period is not shorter than the slow one.</exception>
    public CrossoverStrategy(StrategyParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        int fast = parameters.GetInt("fast"), slow = parameters.GetInt("slow"), ema = parameters.GetInt("ema");
        if (fast >= slow) throw new ArgumentException($"Bad parameter: fast ({fast}) must be shorter than slow ({slow}).");
        _fast = new Sma(fast);
        _slow = new Sma(slow);
        _ema = new Ema(ema);
        _stops = [parameters.GetDecimal("stop_a") / 100m, parameters.GetDecimal("stop_b") / 100m];
        _notional = parameters.GetDecimal("notional");
        _confirm = parameters.GetInt("confirm") == 1;
        _upReason = $"sma({fast}) crossed above sma({slow})";
        _downReason = $"sma({fast}) crossed below sma({slow})";
        _stopReasons = [$"stop-loss {parameters.Values["stop_a"]}% below entry", $"stop-loss {parameters.Values["stop_b"]}% below entry"];
    }

    /// <summary>The parameters it takes, with their defaults.</summary>
    public static IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("fast", "5", "Fast SMA period, bars.", 1, 10_000, IsInteger: true),
        new("slow", "20", "Slow SMA period, bars.", 2, 10_000, IsInteger: true),
        new("ema", "12", "Confirmation EMA period, bars.", 1, 10_000, IsInteger: true),
        new("stop_a", "15", "Variant A stop-loss, percent below the entry close.", 0.01, 99),
        new("stop_b", "10", "Variant B stop-loss, percent below the entry close.", 0.01, 99),
        new("notional", "0", "Quote currency bought per entry; 0: the variant's whole equity (compounding).", 0, 1e12),
        new("confirm", "0", "1: enter only on STRONG crosses; 0: on every cross.", 0, 1, IsInteger: true),
    ];

    /// <summary>Creates the strategy from <c>name=value</c> assignments over the defaults.</summary>
    /// <exception cref="ArgumentException">An assignment is bad (see <see cref="StrategyParameters.Parse"/>).</exception>
    public static CrossoverStrategy Create(params string[] assignments) => new(StrategyParameters.Parse(Parameters, assignments));

    /// <inheritdoc/>
    public string Name => "crossover";

    /// <inheritdoc/>
    public int SymbolCount => 1;

    /// <inheritdoc/>
    public IReadOnlyList<string> Variants => VariantNames;

    /// <inheritdoc/>
    public void OnBars(ReadOnlySpan<Bar> bars, IStrategyContext context)
    {
        ref readonly Bar bar = ref bars[0];
        double close = bar.Close.ToDouble();
        _fast.Update(close);
        _slow.Update(close);
        _ema.Update(close);
        if (!_slow.IsReady || !_ema.IsReady) return;

        double diff = _fast.Value - _slow.Value, ema = _ema.Value;
        bool up = _previousDiff <= 0 && diff > 0, down = _previousDiff >= 0 && diff < 0;
        bool emaRising = ema > _previousEma, emaFalling = ema < _previousEma;
        _previousDiff = diff;
        _previousEma = ema;
        if (!up && !down && !_long[0] && !_long[1]) return; // the common case: nothing to decide

        long timeMs = bar.OpenTimeMs + bar.Interval.Milliseconds;
        for (int v = 0; v < 2; v++)
        {
            if (_long[v])
            {
                // close <= entry × (1 − stop) compared on raw fixed point: exact, and no decimal arithmetic per bar.
                string? reason = bar.Close.Raw <= _stopRaw[v] ? _stopReasons[v] : down ? _downReason : null;
                if (reason is null) continue;
                decimal price = bar.Close.ToDecimal();
                SignalStrength strength = reason == _downReason ? (close < ema && emaFalling ? SignalStrength.Strong : SignalStrength.Moderate) : SignalStrength.None;
                context.Signal(new Signal(timeMs, Name, VariantNames[v], bar.Symbol, SignalSide.Exit, strength, price, reason));
                context.SetTarget(v, 0, 0);
                _long[v] = false;
            }
            else if (up)
            {
                SignalStrength strength = close > ema && emaRising ? SignalStrength.Strong : SignalStrength.Moderate;
                if (_confirm && strength != SignalStrength.Strong) continue;
                decimal price = bar.Close.ToDecimal();
                decimal budget = _notional > 0 ? _notional : context.Equity(v);
                decimal quantity = budget > 0 ? Math.Round(budget / price, 8, MidpointRounding.ToZero) : 0;
                if (quantity <= 0) continue;
                context.Signal(new Signal(timeMs, Name, VariantNames[v], bar.Symbol, SignalSide.Buy, strength, price, _upReason));
                context.SetTarget(v, 0, quantity);
                _long[v] = true;
                _stopRaw[v] = (long)Math.Floor(price * (1 - _stops[v]) * FixedPoint.One);
            }
        }
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _fast.Reset();
        _slow.Reset();
        _ema.Reset();
        Array.Clear(_long);
        Array.Clear(_stopRaw);
        _previousDiff = double.NaN;
        _previousEma = double.NaN;
    }
}
