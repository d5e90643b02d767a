using System.Globalization;
using Tickwise.Core.Indicators;
using Tickwise.Core.Market;
using Tickwise.Core.Statistics;

namespace Tickwise.Core.Strategies;

/// <summary>Z-score mean reversion on a pair (A, B): trades the spread A − β·B when it strays from its rolling mean.</summary>
/// <remarks>
/// <para>β, the hedge ratio of A on B, comes from <c>hedge=ols</c> (<see cref="RollingOls"/> over <c>window</c> bars) or
/// <c>hedge=kalman</c> (<see cref="KalmanHedge"/> with <c>kalman_delta</c>, observation noise estimated, ready after
/// <c>window</c> bars); both incremental, O(1) per bar. The spread at each bar is A − β·B with that bar's β, and z is its
/// <see cref="ZScore"/> over <c>z_window</c> bars.</para>
/// <para>Flat: z ≥ <c>entry</c> shorts the spread (sell A, buy β·qty of B); z ≤ −<c>entry</c> longs it. Quantities: qty of A =
/// <c>notional</c> / (A + |β|·B), so both legs together are worth <c>notional</c> quote currency; β is frozen at entry.
/// In a position: |z| ≥ <c>stop</c> exits (stop); otherwise a short exits when z ≤ <c>exit</c> and a long when z ≥ −<c>exit</c>
/// (with exit = 0: when z crosses zero). After a stop, no entry until |z| falls below <c>entry</c> again, so a runaway
/// spread is not re-entered at once. A bar that exits never also enters. No entry once the equity is gone.</para>
/// <para>One variant (<c>default</c>); one signal per leg at each entry and exit.</para>
/// </remarks>
public sealed class MeanReversionStrategy : IStrategy
{
    private static readonly string[] VariantNames = ["default"];
    private readonly RollingOls? _ols;
    private readonly KalmanHedge? _kalman;
    private readonly ZScore _z;
    private readonly double _entryZ, _exitZ, _stopZ;
    private readonly decimal _notional;
    private int _state; // +1 long the spread, -1 short, 0 flat
    private bool _blocked;

    /// <summary>Creates the strategy from its parameters (see <see cref="Parameters"/>).</summary>
    /// <exception cref="ArgumentException">The exit level is not below the entry, or the stop not above it.</exception>
    public MeanReversionStrategy(StrategyParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        int window = parameters.GetInt("window");
        Hedge = parameters.GetChoice("hedge");
        if (Hedge == "kalman") _kalman = new KalmanHedge(parameters.GetDouble("kalman_delta"), observationVariance: null, warmUpPeriod: window);
        else _ols = new RollingOls(window);
        _z = new ZScore(parameters.GetInt("z_window"));
        _entryZ = parameters.GetDouble("entry");
        _exitZ = parameters.GetDouble("exit");
        _stopZ = parameters.GetDouble("stop");
        _notional = parameters.GetDecimal("notional");
        if (_exitZ >= _entryZ) throw new ArgumentException($"Bad parameter: exit ({_exitZ}) must be below entry ({_entryZ}).");
        if (_stopZ <= _entryZ) throw new ArgumentException($"Bad parameter: stop ({_stopZ}) must be above entry ({_entryZ}).");
    }

    /// <summary>The parameters it takes, with their defaults.</summary>
    public static IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("hedge", "ols", "Hedge ratio method: ols (rolling) or kalman.", Choices: ["ols", "kalman"]),
        new("window", "100", "Bars in the rolling OLS window (the Kalman filter's warm-up).", 2, 100_000, IsInteger: true),
        new("z_window", "100", "Bars in the spread's z-score window.", 2, 100_000, IsInteger: true),
        new("entry", "2", "Enter when |z| reaches this.", 0.01, 100),
        new("exit", "0", "Exit when z comes back to this (0: when it crosses zero).", -100, 100),
        new("stop", "4", "Stop out when |z| reaches this.", 0.01, 1000),
        new("notional", "10000", "Quote currency in both legs together per entry.", 0.00000001, 1e12),
        new("kalman_delta", "0.0001", "Kalman process noise δ in [0, 1).", 0, 0.999999),
    ];

    /// <summary>Creates the strategy from <c>name=value</c> assignments over the defaults.</summary>
    /// <exception cref="ArgumentException">An assignment is bad (see <see cref="StrategyParameters.Parse"/>).</exception>
    public static MeanReversionStrategy Create(params string[] assignments) => new(StrategyParameters.Parse(Parameters, assignments));

    /// <summary>The hedge method: <c>ols</c> or <c>kalman</c>.</summary>
    public string Hedge { get; }

    /// <inheritdoc/>
    public string Name => "meanrev";

    /// <inheritdoc/>
    public int SymbolCount => 2;

    /// <inheritdoc/>
    public IReadOnlyList<string> Variants => VariantNames;

    /// <summary>The latest z-score of the spread (NaN until ready).</summary>
    public double ZScore => _z.Value;

    /// <summary>The latest hedge ratio (NaN until ready).</summary>
    public double HedgeRatio => _ols?.Slope ?? _kalman!.Slope;

    /// <inheritdoc/>
    public void OnBars(ReadOnlySpan<Bar> bars, IStrategyContext context)
    {
        ref readonly Bar a = ref bars[0];
        ref readonly Bar b = ref bars[1];
        double pa = a.Close.ToDouble(), pb = b.Close.ToDouble();
        if (_ols is not null) _ols.Update(pb, pa);
        else _kalman!.Update(pb, pa);
        double beta = HedgeRatio;
        if (!double.IsFinite(beta) || Math.Abs(beta) > 1e12) return; // an absurd ratio cannot size a hedge
        _z.Update(pa - beta * pb);
        double z = _z.Value;
        if (double.IsNaN(z)) return;

        if (_state != 0)
        {
            string? reason = Math.Abs(z) >= _stopZ ? $"stop: |z| = {Format(Math.Abs(z))} >= {Format(_stopZ)}"
                : _state < 0 && z <= _exitZ ? $"z = {Format(z)} came back to {Format(_exitZ)}"
                : _state > 0 && z >= -_exitZ ? $"z = {Format(z)} came back to {Format(-_exitZ)}"
                : null;
            if (reason is null) return;
            _blocked = Math.Abs(z) >= _stopZ;
            Emit(context, a, b, SignalSide.Exit, SignalSide.Exit, reason);
            context.SetTarget(0, 0, 0);
            context.SetTarget(0, 1, 0);
            _state = 0;
            return;
        }

        if (_blocked)
        {
            if (Math.Abs(z) >= _entryZ) return;
            _blocked = false;
        }
        if (Math.Abs(z) < _entryZ || Math.Abs(z) >= _stopZ) return;
        decimal priceA = a.Close.ToDecimal(), priceB = b.Close.ToDecimal();
        decimal hedge = (decimal)beta;
        decimal quantityA = Math.Round(_notional / (priceA + Math.Abs(hedge) * priceB), 8, MidpointRounding.ToZero);
        decimal quantityB = Math.Round(hedge * quantityA, 8, MidpointRounding.ToZero);
        if (quantityA <= 0 || context.Equity(0) <= 0) return;
        _state = z >= _entryZ ? -1 : 1;
        string text = _state < 0
            ? $"z = {Format(z)} >= {Format(_entryZ)}: short the spread (beta {Format(beta)})"
            : $"z = {Format(z)} <= {Format(-_entryZ)}: long the spread (beta {Format(beta)})";
        SignalSide sideA = _state > 0 ? SignalSide.Buy : SignalSide.Sell;
        SignalSide sideB = (_state > 0) == (quantityB < 0) ? SignalSide.Buy : SignalSide.Sell;
        Emit(context, a, b, sideA, sideB, text);
        context.SetTarget(0, 0, _state * quantityA);
        context.SetTarget(0, 1, -_state * quantityB);
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _ols?.Reset();
        _kalman?.Reset();
        _z.Reset();
        _state = 0;
        _blocked = false;
    }

    private void Emit(IStrategyContext context, in Bar a, in Bar b, SignalSide sideA, SignalSide sideB, string reason)
    {
        long timeMs = a.OpenTimeMs + a.Interval.Milliseconds;
        context.Signal(new Signal(timeMs, Name, VariantNames[0], a.Symbol, sideA, SignalStrength.None, a.Close.ToDecimal(), reason));
        context.Signal(new Signal(timeMs, Name, VariantNames[0], b.Symbol, sideB, SignalStrength.None, b.Close.ToDecimal(), reason));
    }

    private static string Format(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
