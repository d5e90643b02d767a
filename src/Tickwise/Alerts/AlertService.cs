using Tickwise.Core.Alerts;
using Tickwise.Storage;

namespace Tickwise.Alerts;

/// <summary>Alerts wired for a running process: the stored rules in an engine fed by an <see cref="AlertObserver"/>, every fired
/// event stored, then handed to the webhook dispatcher and to the publish callback; rule changes go to the store and the
/// engine together.</summary>
/// <remarks>
/// <para>Composition for <c>run</c> and <c>replay</c>: <c>var alerts = AlertService.Open(store, publish, webhooks);</c> then pass
/// <see cref="Observer"/> to the ingest (through a <see cref="Ingest.CompositeMarketObserver"/> beside other observers). The API
/// calls <see cref="Add"/>, <see cref="Replace"/>, <see cref="Remove"/>, <see cref="SetEnabled"/> from request threads. Rules
/// changed by another process (the <c>alerts</c> CLI) reach a running engine at <see cref="SyncFromStore"/>, which a caller
/// may run on a timer.</para>
/// <para>Fired events are stored on the evaluating (ingest) thread, one small upsert each: alerts fire at human rates, and a
/// store failure there is a store failure of the ingest too.</para>
/// </remarks>
internal sealed class AlertService
{
    private readonly Action<AlertEvent>? _publish;
    private readonly WebhookDispatcher? _webhooks;
    private long _stored;

    private AlertService(AlertRepository repository, Action<AlertEvent>? publish, WebhookDispatcher? webhooks, ICollection<string>? problems, bool restore)
    {
        Repository = repository;
        _publish = publish;
        _webhooks = webhooks;
        Engine = restore ? repository.BuildEngine(OnFired, problems) : new AlertEngine(OnFired);
        if (!restore)
        {
            foreach (AlertRule rule in repository.LoadRules(problems)) Engine.Upsert(rule);
        }
        Observer = new AlertObserver(Engine);
    }

    /// <summary>Gets the rules and events in the store.</summary>
    public AlertRepository Repository { get; }

    /// <summary>Gets the engine holding the rules.</summary>
    public AlertEngine Engine { get; }

    /// <summary>Gets the pipeline hook that feeds the engine.</summary>
    public AlertObserver Observer { get; }

    /// <summary>Gets the events stored since the start.</summary>
    public long EventsStored => Interlocked.Read(ref _stored);

    /// <summary>Loads the rules of <paramref name="store"/> (and restores their cooldowns from the stored events).</summary>
    /// <param name="store">The store holding the rules; fired events are stored there too.</param>
    /// <param name="publish">Called with every fired event after it is stored (the live feed), or null.</param>
    /// <param name="webhooks">Delivers every fired event to its rule's webhook and the global one, or null.</param>
    /// <param name="problems">Receives a line per stored rule that could not be read (it is skipped), or null.</param>
    /// <param name="restore">Restore cooldowns and disarmed levels from the stored events (live runs: true). A replay passes
    /// false, because the stored events may lie in its future; it then fires the same events again, under the same ids.</param>
    public static AlertService Open(IRecordStore store, Action<AlertEvent>? publish = null, WebhookDispatcher? webhooks = null,
        ICollection<string>? problems = null, bool restore = true) =>
        new(new AlertRepository(store), publish, webhooks, problems, restore);

    /// <summary>Stores a new rule (see <see cref="AlertRepository.Add"/>) and starts evaluating it.</summary>
    /// <exception cref="AlertRuleException">The rule is invalid.</exception>
    /// <exception cref="ArgumentException">Its id exists.</exception>
    public AlertRule Add(AlertRule rule)
    {
        AlertRule stored = Repository.Add(rule);
        Engine.Upsert(stored);
        return stored;
    }

    /// <summary>Replaces the rule with the same id, keeping its <c>created_ms</c>; returns null when there is none.</summary>
    /// <exception cref="AlertRuleException">The rule is invalid.</exception>
    public AlertRule? Replace(AlertRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (Repository.Get(rule.Id) is not { } old) return null;
        AlertRule changed = rule with { CreatedMs = old.CreatedMs, Name = rule.Name.Length > 0 ? rule.Name : old.Name };
        Repository.Save(changed);
        Engine.Upsert(changed);
        return changed;
    }

    /// <summary>Deletes the rule from the store and the engine; false when the store had none.</summary>
    public bool Remove(string id)
    {
        bool removed = Repository.Remove(id);
        Engine.Remove(id);
        return removed;
    }

    /// <summary>Enables or disables the rule in the store and the engine; null when there is none.</summary>
    public AlertRule? SetEnabled(string id, bool enabled)
    {
        if (Repository.SetEnabled(id, enabled) is not { } rule) return null;
        Engine.Upsert(rule);
        return rule;
    }

    /// <summary>Makes the engine hold exactly the stored rules: new and changed ones are (re)loaded, deleted ones dropped.
    /// Unchanged rules keep their state.</summary>
    /// <returns>How many rules were added, changed or removed.</returns>
    public int SyncFromStore(ICollection<string>? problems = null)
    {
        IReadOnlyList<AlertRule> stored = Repository.LoadRules(problems);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        int changes = 0;
        foreach (AlertRule rule in stored)
        {
            ids.Add(rule.Id);
            if (Engine.Find(rule.Id) == rule) continue;
            Engine.Upsert(rule);
            changes++;
        }
        foreach (AlertRule rule in Engine.Rules)
        {
            if (!ids.Contains(rule.Id) && Engine.Remove(rule.Id)) changes++;
        }
        return changes;
    }

    private void OnFired(AlertEvent alert)
    {
        Repository.SaveEvent(alert);
        Interlocked.Increment(ref _stored);
        _webhooks?.Enqueue(alert, Engine.Find(alert.RuleId)?.Webhook);
        _publish?.Invoke(alert);
    }
}
