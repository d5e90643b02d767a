namespace Tickwise.Core.Alerts;

/// <summary>Holds alert rules, evaluates the values the pipeline publishes against them, and fires <see cref="AlertEvent"/>s
/// exactly at threshold crossings, within each rule's cooldown and hysteresis.</summary>
/// <remarks>
/// <para>A crossing: the previous value on the near side of the level, the new one at or beyond it (a value exactly at the
/// threshold counts: <c>price_above 62000</c> fires on 62000). The first value a rule sees, after it is added or enabled, only
/// tells the side: a rule whose value is already beyond its level does not fire until the value comes back and crosses.
/// After a fire the level needs the value strictly beyond <c>threshold ∓ hysteresis</c> on the near side before it can
/// fire again; a crossing within <c>cooldown_s</c> of the level's last fire (in data time, so replays and backtests give
/// the same events) is suppressed and counted in <see cref="Suppressed"/>. See <see cref="AlertRule"/> for the types.</para>
/// <para>Threads: rules may be added, replaced, enabled, disabled and removed from any thread at any time (a lock, then a
/// new read-only index published with one reference write). The <c>On...</c> methods are called by one thread at a time
/// (the pipeline's); they take no lock and allocate nothing unless a rule fires. <paramref name="onFired"/> runs on that
/// thread.</para>
/// <para>State that survives a restart is what <see cref="Restore"/> is given: the last stored fire of each level
/// (disarmed, cooldown running). Rolling windows (volume mean, volatility) fill again from the bars that follow.</para>
/// </remarks>
/// <param name="onFired">Receives every event fired, on the evaluating thread.</param>
public sealed partial class AlertEngine(Action<AlertEvent> onFired)
{
    private readonly Action<AlertEvent> _onFired = onFired ?? throw new ArgumentNullException(nameof(onFired));
    private readonly object _gate = new();
    private readonly Dictionary<string, AlertRuleState> _states = new(StringComparer.Ordinal);
    private volatile AlertRuleIndex _index = AlertRuleIndex.Empty;
    private long _version, _fired, _suppressed;

    /// <summary>Gets the events fired so far.</summary>
    public long Fired => Interlocked.Read(ref _fired);

    /// <summary>Gets the crossings suppressed by a cooldown.</summary>
    public long Suppressed => Interlocked.Read(ref _suppressed);

    /// <summary>Gets a number that changes whenever the rules change, so a feeder can tell when to look at them again.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Gets a copy of the rules, enabled or not, oldest first.</summary>
    public IReadOnlyList<AlertRule> Rules
    {
        get
        {
            lock (_gate) return [.. Ordered().Select(s => s.Rule)];
        }
    }

    /// <summary>Returns the rule with <paramref name="id"/>, or null.</summary>
    public AlertRule? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_gate) return _states.TryGetValue(id, out AlertRuleState? state) ? state.Rule : null;
    }

    /// <summary>Returns where the evaluation of the rule with <paramref name="id"/> stands, or null when there is none.</summary>
    public AlertRuleStatus? StatusOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        AlertRuleState? state;
        lock (_gate) _states.TryGetValue(id, out state);
        return state?.Status();
    }

    /// <summary>Adds a rule.</summary>
    /// <exception cref="AlertRuleException">The rule is invalid.</exception>
    /// <exception cref="ArgumentException">A rule with the same id exists.</exception>
    public void Add(AlertRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        rule.Validate();
        lock (_gate)
        {
            if (_states.ContainsKey(rule.Id)) throw new ArgumentException($"An alert rule with id '{rule.Id}' exists already.", nameof(rule));
            _states.Add(rule.Id, new AlertRuleState(rule));
            Publish();
        }
    }

    /// <summary>Adds the rule, or replaces the one with its id. A replaced rule starts its evaluation afresh (the next value
    /// only sets the side) but keeps the cooldown clocks of its levels.</summary>
    /// <exception cref="AlertRuleException">The rule is invalid.</exception>
    public void Upsert(AlertRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        rule.Validate();
        lock (_gate)
        {
            var state = new AlertRuleState(rule);
            if (_states.TryGetValue(rule.Id, out AlertRuleState? old)) state.CarryCooldownFrom(old);
            _states[rule.Id] = state;
            Publish();
        }
    }

    /// <summary>Removes a rule; returns false when there was none with <paramref name="id"/>.</summary>
    public bool Remove(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_gate)
        {
            if (!_states.Remove(id)) return false;
            Publish();
            return true;
        }
    }

    /// <summary>Enables or disables a rule and returns it, or null when there is none with <paramref name="id"/>. A rule
    /// enabled again starts afresh (the next value only sets the side) and keeps its cooldown clocks.</summary>
    public AlertRule? SetEnabled(string id, bool enabled)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_gate)
        {
            if (!_states.TryGetValue(id, out AlertRuleState? old)) return null;
            if (old.Rule.Enabled == enabled) return old.Rule;
            var state = new AlertRuleState(old.Rule with { Enabled = enabled });
            state.CarryCooldownFrom(old);
            _states[id] = state;
            Publish();
            return state.Rule;
        }
    }

    /// <summary>Applies a stored event to its rule, if the rule is here: the level it fired is disarmed and its cooldown runs
    /// from the event's time. Call it after loading the rules and before evaluation starts (it changes evaluation state),
    /// with the stored events in any order.</summary>
    public void Restore(AlertEvent fired)
    {
        ArgumentNullException.ThrowIfNull(fired);
        lock (_gate)
        {
            if (_states.TryGetValue(fired.RuleId, out AlertRuleState? state) && state.Rule.Type == fired.Type) state.Restore(fired);
        }
    }

    private IEnumerable<AlertRuleState> Ordered() =>
        _states.Values.OrderBy(s => s.Rule.CreatedMs).ThenBy(s => s.Rule.Id, StringComparer.Ordinal);

    private void Publish()
    {
        _index = new AlertRuleIndex(Ordered().Where(s => s.Rule.Enabled));
        Interlocked.Increment(ref _version);
    }
}
