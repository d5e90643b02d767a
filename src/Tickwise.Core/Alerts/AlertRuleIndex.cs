using Tickwise.Core.Market;

namespace Tickwise.Core.Alerts;

/// <summary>The enabled rules grouped by what feeds them, built once per rule change and then only read.</summary>
/// <remarks>Immutable after construction, so the evaluating thread reads it without a lock while the engine builds the
/// next one under its lock (copy on write).</remarks>
internal sealed class AlertRuleIndex
{
    public static readonly AlertRuleIndex Empty = new([]);

    public AlertRuleIndex(IEnumerable<AlertRuleState> enabled)
    {
        var price = new Dictionary<Symbol, List<AlertRuleState>>();
        var bars = new Dictionary<(Symbol, Interval), List<AlertRuleState>>();
        var pairs = new Dictionary<(Symbol, Symbol, Interval), List<AlertRuleState>>();
        var crossover = new Dictionary<(Symbol, Interval), List<AlertRuleState>>();
        var pressure = new Dictionary<Symbol, List<AlertRuleState>>();
        foreach (AlertRuleState state in enabled)
        {
            AlertRule rule = state.Rule;
            switch (rule.Type)
            {
                case AlertType.PriceAbove or AlertType.PriceBelow: Add(price, rule.Symbol!.Value, state); break;
                case AlertType.VolumeSpike or AlertType.VolatilityChange: Add(bars, (rule.Symbol!.Value, rule.Interval), state); break;
                case AlertType.Crossover: Add(crossover, (rule.Symbol!.Value, rule.Interval), state); break;
                case AlertType.BookPressure: Add(pressure, rule.Symbol!.Value, state); break;
                default: Add(pairs, (rule.Pair!.Value.A, rule.Pair.Value.B, rule.Interval), state); break;
            }
        }

        Price = Freeze(price);
        Bars = Freeze(bars);
        Pairs = Freeze(pairs);
        Crossover = Freeze(crossover);
        Pressure = Freeze(pressure);
    }

    public Dictionary<Symbol, AlertRuleState[]> Price { get; }
    public Dictionary<(Symbol, Interval), AlertRuleState[]> Bars { get; }
    public Dictionary<(Symbol A, Symbol B, Interval), AlertRuleState[]> Pairs { get; }
    public Dictionary<(Symbol, Interval), AlertRuleState[]> Crossover { get; }
    public Dictionary<Symbol, AlertRuleState[]> Pressure { get; }

    private static void Add<TKey>(Dictionary<TKey, List<AlertRuleState>> map, TKey key, AlertRuleState state) where TKey : notnull
    {
        if (!map.TryGetValue(key, out List<AlertRuleState>? list)) map.Add(key, list = []);
        list.Add(state);
    }

    private static Dictionary<TKey, AlertRuleState[]> Freeze<TKey>(Dictionary<TKey, List<AlertRuleState>> map) where TKey : notnull
    {
        var frozen = new Dictionary<TKey, AlertRuleState[]>(map.Count);
        foreach (var (key, list) in map) frozen.Add(key, [.. list]);
        return frozen;
    }
}
