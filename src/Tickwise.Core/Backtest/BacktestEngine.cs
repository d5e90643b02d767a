using System.Buffers;
using Tickwise.Core.Market;
using Tickwise.Core.Strategies;
using Tickwise.Core.Trading;

namespace Tickwise.Core.Backtest;

/// <summary>Replays bars through a strategy with a simulated broker and measures the result. Deterministic: the same bars,
/// strategy parameters and options give the same result, to the last digit.</summary>
/// <remarks>
/// <para>It is the live loop with a simulated broker, not a second implementation: a <see cref="StrategyRunner"/> drives the
/// strategy and sends market orders to a <see cref="BacktestBroker"/> that fills them at the next bar's open exactly as a
/// <see cref="PaperBroker"/> filling at the next quote does, without its per-order bookkeeping.</para>
/// <para>Fill assumption: the strategy decides on a bar's close; its orders fill at the NEXT bar's open, a buy at
/// open × (1 + slippage), a sell at open × (1 − slippage), paying the taker fee on that notional. Orders still waiting
/// after the last bar are not filled; open positions are marked at the last close. No order is refused for lack of
/// cash: a strategy sizes from its variant's equity (or a fixed notional) as it sees fit (no margin model).</para>
/// <para>Each bar: (1) the open is shown as a quote, filling waiting orders; (2) exposure is counted if a position is held
/// (positions only change at opens, so it is held for the whole bar); (3) the strategy sees the closed bars; (4) equity is
/// marked at the close.</para>
/// </remarks>
public sealed class BacktestEngine
{
    private readonly BacktestOptions _options;
    private readonly bool _integerMarking;

    /// <summary>Creates an engine.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public BacktestEngine(BacktestOptions options)
        : this(options, integerMarking: true)
    {
    }

    /// <summary>Creates an engine that marks equity with <see cref="EquityMarker"/> or, for tests that compare both,
    /// with decimal arithmetic only.</summary>
    internal BacktestEngine(BacktestOptions options, bool integerMarking)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _integerMarking = integerMarking;
    }

    /// <summary>Runs <paramref name="strategy"/> over <paramref name="legs"/>: one bar array per symbol, aligned (same length,
    /// same open time at each index, ascending; see <see cref="BarAlignment"/>), of one interval.</summary>
    /// <param name="strategy">A fresh (or reset) strategy.</param>
    /// <param name="legs">The bars, in the strategy's symbol order.</param>
    /// <param name="progress">Told the number of bars done now and then; may be null.</param>
    /// <exception cref="ArgumentException">The number of legs is not the strategy's, legs differ in length, open time or
    /// interval, or a leg has no bars.</exception>
    public BacktestResult Run(IStrategy strategy, IReadOnlyList<Bar[]> legs, Action<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(legs);
        if (legs.Count != strategy.SymbolCount) throw new ArgumentException($"The {strategy.Name} strategy needs {strategy.SymbolCount} symbol(s); {legs.Count} given.", nameof(legs));
        int n = legs[0].Length;
        if (n == 0) throw new ArgumentException("No bars to backtest.", nameof(legs));
        foreach (Bar[] leg in legs)
            if (leg.Length != n) throw new ArgumentException("The legs are not aligned: their lengths differ.", nameof(legs));
        int k = legs.Count, variants = strategy.Variants.Count;
        Interval interval = legs[0][0].Interval;
        var symbols = new Symbol[k];
        for (int s = 0; s < k; s++) symbols[s] = legs[s][0].Symbol;

        var broker = new BacktestBroker(symbols, new FeeModel(_options.FeesBps, _options.FeesBps), new SlippageModel(_options.SlippageBps));
        var recorder = new BacktestRecorder(strategy.Variants, symbols);
        var runner = new StrategyRunner(strategy, symbols, broker, recorder, _options.InitialEquity);
        var row = new Bar[k];
        var equity = new decimal[n];
        // The variants' curves serve only their figures, which run in double: kept as doubles (each the exact equity
        // converted), with each variant's latest exact equity beside them for the total and the final value.
        // Rented, not allocated: they are not part of the result, and fresh large arrays cost page faults each run.
        var variantEquity = new double[variants][];
        for (int v = 0; v < variants; v++) variantEquity[v] = ArrayPool<double>.Shared.Rent(n);
        double[] totalEquity = ArrayPool<double>.Shared.Rent(n); // (double)equity[i], for the figures
        var lastEquity = new decimal[variants];
        var times = new long[n];
        var exposed = new long[variants];
        var heldBy = new bool[variants];
        int fillsAtLastMark = 0, fillsAtRebuild = -1;
        var marker = new EquityMarker(runner, variants, _options.InitialEquity);
        var closes = new long[k];
        long exposedAny = 0;
        long open0 = legs[0][0].OpenTimeMs;
        // Arrays, not the interface: the loop reads them several times per bar, and an interface indexer is a call each time.
        Bar[][] legArray = [.. legs];
        Bar[] first = legArray[0];

        for (int i = 0; i < n; i++)
        {
            long openMs = first[i].OpenTimeMs;
            for (int s = 0; s < k; s++)
            {
                ref readonly Bar bar = ref legArray[s][i];
                if (bar.OpenTimeMs != openMs || bar.Interval != interval)
                    throw new ArgumentException($"The legs are not aligned at index {i}: {bar.Symbol} {bar.Interval} at {bar.OpenTimeMs}, expected {interval} at {openMs}.", nameof(legs));
                if (i > 0 && openMs <= first[i - 1].OpenTimeMs) throw new ArgumentException($"Bars are not in ascending time order at index {i}.", nameof(legs));
                if (k > 1) row[s] = bar;
                broker.OnOpen(s, bar.Open, openMs);
            }
            bool any = false;
            for (int v = 0; v < variants; v++)
            {
                bool held = false;
                for (int s = 0; s < k; s++) held |= !runner.GetPosition(v, s).IsFlat;
                heldBy[v] = held;
                if (held) { exposed[v]++; any = true; }
            }
            if (any) exposedAny++;

            long closeMs = openMs + interval.Milliseconds;
            // One leg: the bar in place, not a copy (a bar is a large struct and this runs every bar).
            runner.OnAlignedBars(k == 1 ? new ReadOnlySpan<Bar>(in first[i]) : row);

            // A variant flat since the last mark with no fill in between has the same equity as then (realized P&L and
            // fees only move on fills, and a flat position has nothing to mark): copy it instead of re-summing decimals.
            int fills = recorder.FillCount;
            bool unchanged = i > 0 && fills == fillsAtLastMark;
            bool anyMarked = false;
            if (fills != fillsAtRebuild)
            {
                marker.Rebuild();
                fillsAtRebuild = fills;
            }
            for (int s = 0; s < k; s++) closes[s] = legArray[s][i].Close.Raw;
            for (int v = 0; v < variants; v++)
            {
                if (unchanged && !heldBy[v]) variantEquity[v][i] = variantEquity[v][i - 1];
                else
                {
                    int copyOf = -1;
                    if (!_integerMarking || !marker.TryMark(v, i, closes, out decimal e, out copyOf))
                    {
                        e = _options.InitialEquity + runner.NetPnl(v);
                        marker.SetEquity(v, e);
                    }
                    lastEquity[v] = e;
                    variantEquity[v][i] = copyOf >= 0 ? variantEquity[copyOf][i] : (double)e;
                    anyMarked = true;
                }
            }
            if (anyMarked)
            {
                if (!_integerMarking || !marker.TryTotal(out decimal total))
                {
                    total = 0;
                    for (int v = 0; v < variants; v++) total += lastEquity[v];
                }
                equity[i] = total;
                totalEquity[i] = (double)total;
            }
            else
            {
                equity[i] = equity[i - 1];
                totalEquity[i] = totalEquity[i - 1]; // the same decimal: the same double, without converting again
            }
            fillsAtLastMark = fills;
            times[i] = closeMs;
            if (progress is not null && (i & 0xFFFF) == 0xFFFF) progress(i + 1);
        }
        progress?.Invoke(n);

        decimal initial = _options.InitialEquity * variants;
        ReadOnlySpan<BacktestTrade> tradeSpan = recorder.Trades;
        decimal[] allPnls = ArrayPool<decimal>.Shared.Rent(tradeSpan.Length);
        for (int t = 0; t < tradeSpan.Length; t++) allPnls[t] = tradeSpan[t].Pnl;
        decimal totalNotional = 0;
        var variantResults = new BacktestVariantResult[variants];
        for (int v = 0; v < variants; v++)
        {
            totalNotional += recorder.Notional[v];
            ReadOnlySpan<decimal> tradePnls = recorder.TradePnls(v);
            var metrics = PerformanceMetrics.Compute(_options.InitialEquity, new ReadOnlySpan<double>(variantEquity[v], 0, n), tradePnls, exposed[v], recorder.Notional[v], interval.Milliseconds);
            variantResults[v] = new BacktestVariantResult(strategy.Variants[v], _options.InitialEquity, lastEquity[v], metrics, tradePnls.Length);
            ArrayPool<double>.Shared.Return(variantEquity[v]);
        }
        PerformanceMetrics allMetrics = PerformanceMetrics.Compute(initial, new ReadOnlySpan<double>(totalEquity, 0, n), new ReadOnlySpan<decimal>(allPnls, 0, tradeSpan.Length), exposedAny, totalNotional, interval.Milliseconds);
        ArrayPool<double>.Shared.Return(totalEquity);
        ArrayPool<decimal>.Shared.Return(allPnls);
        BacktestTrade[] tradeArray = recorder.TradesToArray();
        Signal[] signalArray = recorder.SignalsToArray();
        int fillCount = recorder.FillCount;
        recorder.Dispose();

        return new BacktestResult
        {
            Strategy = strategy.Name,
            Symbols = symbols,
            Interval = interval,
            FromMs = open0,
            ToMs = times[^1],
            Options = _options,
            InitialEquity = initial,
            FinalEquity = equity[^1],
            Metrics = allMetrics,
            Variants = variantResults,
            Trades = tradeArray,
            Signals = signalArray,
            EquityTimesMs = times,
            Equity = equity,
            FillCount = fillCount,
        };
    }
}
