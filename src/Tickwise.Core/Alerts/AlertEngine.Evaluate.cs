using Tickwise.Core.Analytics;
using Tickwise.Core.Market;
using Tickwise.Core.Pairs;

namespace Tickwise.Core.Alerts;

public sealed partial class AlertEngine
{
    /// <summary>Evaluates the price rules of the trade's symbol at the trade's price and time.</summary>
    public void OnTrade(in Trade trade) => OnPrice(trade.Symbol, trade.TimestampMs, trade.Price);

    /// <summary>Evaluates the <c>price_above</c> and <c>price_below</c> rules of <paramref name="symbol"/>.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="timeMs">Data time of the price, Unix ms.</param>
    /// <param name="price">The price (compared exactly: a price with at most 8 decimals and the threshold are the same doubles when equal).</param>
    public void OnPrice(Symbol symbol, long timeMs, Price price)
    {
        if (!_index.Price.TryGetValue(symbol, out AlertRuleState[]? states)) return;
        double value = price.ToDouble();
        foreach (AlertRuleState state in states)
        {
            EvaluateLevels(state, timeMs, value);
            state.Previous = value;
        }
    }

    /// <summary>Evaluates the <c>volume_spike</c> and <c>volatility_change</c> rules of the bar's symbol and interval; the
    /// events are stamped at the bar's close (open time + interval).</summary>
    /// <remarks>volume_spike: the bar's volume over the mean volume of the <c>window</c> bars before it (undefined, so
    /// skipped, until that many bars were seen or while the mean is zero). volatility_change: realized volatility (sample
    /// deviation of log returns of closes) over the last <c>short_window</c> returns divided by that over the last
    /// <c>window</c> returns; a threshold ≥ 1 fires on the ratio rising to it, a threshold below 1 on it falling to it.</remarks>
    public void OnBarClosed(in Bar bar)
    {
        if (!_index.Bars.TryGetValue((bar.Symbol, bar.Interval), out AlertRuleState[]? states)) return;
        long timeMs = bar.OpenTimeMs + bar.Interval.Milliseconds;
        foreach (AlertRuleState state in states)
        {
            double value;
            if (state.VolumeMean is { } mean)
            {
                double volume = (double)bar.Volume, meanVolume = mean.Value;
                value = meanVolume > 0 ? volume / meanVolume : double.NaN;
                mean.Update(volume);
            }
            else
            {
                double close = bar.Close.ToDouble();
                state.ShortVolatility!.Update(close);
                state.LongVolatility!.Update(close);
                double longVolatility = state.LongVolatility.Value;
                value = longVolatility > 0 ? state.ShortVolatility.Value / longVolatility : double.NaN;
            }

            EvaluateLevels(state, timeMs, value, in bar);
            if (!double.IsNaN(value)) state.Previous = value;
        }
    }

    /// <summary>Evaluates the z-score and correlation rules of the snapshot's pair (A, B in that order) and
    /// <paramref name="interval"/>, at the snapshot's time. Undefined (NaN) statistics are skipped.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    public void OnPairSnapshot(PairSnapshot snapshot, Interval interval)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!_index.Pairs.TryGetValue((snapshot.SymbolA, snapshot.SymbolB, interval), out AlertRuleState[]? states)) return;
        foreach (AlertRuleState state in states)
        {
            double value = state.Rule.Type == AlertType.CorrelationBelow ? snapshot.Correlation : snapshot.ZScore;
            EvaluateLevels(state, snapshot.TimestampMs, value, snapshot: snapshot);
            if (!double.IsNaN(value)) state.Previous = value;
        }
    }

    /// <summary>Evaluates the <c>crossover</c> rules of <paramref name="symbol"/> whose interval (that of the moving
    /// average's bars) is <paramref name="interval"/>: fires when the state turns Over or Under, opposite to the last
    /// non-neutral state the rule saw (a pass through Neutral does not count; the first direction seen does not fire).</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="interval">The interval of the bars the moving average is of.</param>
    /// <param name="timeMs">Data time, Unix ms.</param>
    /// <param name="state">The mid against the average now.</param>
    /// <param name="midPrice">The mid price, for the event's values (NaN when unknown).</param>
    /// <param name="sma">The moving average, for the event's values (NaN when unknown).</param>
    public void OnCrossover(Symbol symbol, Interval interval, long timeMs, CrossoverState state, double midPrice = double.NaN, double sma = double.NaN)
    {
        if (!_index.Crossover.TryGetValue((symbol, interval), out AlertRuleState[]? states)) return;
        int direction = state switch { CrossoverState.Over => 1, CrossoverState.Under => -1, _ => 0 };
        foreach (AlertRuleState rule in states)
        {
            if (!TurnedTo(rule, direction, timeMs)) continue;
            string side = direction > 0 ? "above" : "below";
            Fire(rule, timeMs, direction, 0, "", rule.Rule.Priority, $"{symbol} mid {AlertMessages.Price(midPrice)} crossed {side} its {interval} SMA {AlertMessages.Price(sma)}",
                new Dictionary<string, double>(2) { ["mid"] = midPrice, ["sma"] = sma });
        }
    }

    /// <summary>Evaluates the <c>book_pressure</c> rules of <paramref name="symbol"/>: fires when the pressure turns to the bid
    /// or the ask, opposite to the last non-neutral pressure the rule saw (the tracker's tolerance is the dead band: a pass
    /// through Neutral does not count; the first side seen does not fire).</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="timeMs">Data time of the quote, Unix ms.</param>
    /// <param name="pressure">The pressure now.</param>
    /// <param name="imbalance">(bidQty - askQty) / (bidQty + askQty), for the event's values (NaN when unknown).</param>
    public void OnBookPressure(Symbol symbol, long timeMs, BookPressure pressure, double imbalance = double.NaN)
    {
        if (!_index.Pressure.TryGetValue(symbol, out AlertRuleState[]? states)) return;
        int direction = pressure switch { BookPressure.Ask => 1, BookPressure.Bid => -1, _ => 0 };
        foreach (AlertRuleState rule in states)
        {
            if (!TurnedTo(rule, direction, timeMs)) continue;
            string side = direction > 0 ? "ask" : "bid";
            Fire(rule, timeMs, direction, 0, "", rule.Rule.Priority, $"{symbol} book pressure turned to the {side} side",
                new Dictionary<string, double>(1) { ["imbalance"] = imbalance });
        }
    }

    /// <summary>True when a crossover or pressure rule turns to a new non-neutral direction and may fire now.</summary>
    private bool TurnedTo(AlertRuleState rule, int direction, long timeMs)
    {
        if (direction == 0) return false;
        bool seen = rule.SeenDirection;
        int last = rule.LastDirection;
        rule.SeenDirection = true;
        rule.LastDirection = direction;
        if (!seen || last == 0 || last == direction) return false;
        if (rule.CooldownMs > 0 && rule.LastDirectionFireMs != long.MinValue && timeMs - rule.LastDirectionFireMs < rule.CooldownMs)
        {
            Interlocked.Increment(ref _suppressed);
            return false;
        }
        rule.LastDirectionFireMs = timeMs;
        return true;
    }

    private void EvaluateLevels(AlertRuleState state, long timeMs, double value, in Bar bar = default, PairSnapshot? snapshot = null)
    {
        CrossingLevel[] levels = state.Levels;
        for (int i = 0; i < levels.Length; i++)
        {
            ref CrossingLevel level = ref levels[i];
            if (!level.Update(value)) continue;
            if (!level.TryFire(timeMs, state.CooldownMs))
            {
                Interlocked.Increment(ref _suppressed);
                continue;
            }

            AlertRule rule = state.Rule;
            AlertPriority priority = level.IsExtreme ? AlertPriority.High : rule.Priority;
            string message = AlertMessages.Describe(state, in level, value, in bar, snapshot);
            Fire(state, timeMs, value, level.Level, level.Tag, priority, message, AlertMessages.Values(state, value, in bar, snapshot));
        }
    }

    private void Fire(AlertRuleState state, long timeMs, double value, double threshold, string tag, AlertPriority priority, string message,
        Dictionary<string, double> values)
    {
        AlertRule rule = state.Rule;
        Interlocked.Increment(ref _fired);
        _onFired(new AlertEvent
        {
            Id = tag.Length == 0 ? $"{rule.Id}:{timeMs}" : $"{rule.Id}:{timeMs}:{tag}",
            RuleId = rule.Id,
            RuleName = rule.Name,
            Type = rule.Type,
            Symbol = rule.Symbol,
            Pair = rule.Pair,
            Interval = rule.Interval,
            Priority = priority,
            TimeMs = timeMs,
            Value = value,
            Threshold = threshold,
            Message = message,
            Values = values,
        });
    }
}
