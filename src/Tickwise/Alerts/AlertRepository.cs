using System.Security.Cryptography;
using Tickwise.Core.Alerts;
using Tickwise.Core.Market;
using Tickwise.Storage;

namespace Tickwise.Alerts;

/// <summary>Alert rules and fired alerts in the store's application records (kinds <c>alert_rule</c> and <c>alert_event</c>),
/// so rules survive a restart and every fire is kept with the values that fired it. Works on SQLite and PostgreSQL alike.</summary>
/// <remarks>
/// <para>A rule is stored under its id, at its <c>created_ms</c>; an event under its id (<c>rule_id:time[:level]</c>), at its
/// fire time, so storing the events of a replay twice changes nothing. Both as the contract's JSON (<see cref="AlertJson"/>).</para>
/// <para>Thread-safe as far as the store is: each call is one store operation.</para>
/// </remarks>
internal sealed class AlertRepository
{
    /// <summary>Record kind of rules.</summary>
    public const string RuleKind = "alert_rule";

    /// <summary>Record kind of fired events.</summary>
    public const string EventKind = "alert_event";

    /// <summary>The stored events <see cref="BuildEngine"/> reads back to restore cooldowns: the newest 10,000.</summary>
    public const int RestoredEvents = 10_000;

    private readonly IRecordStore _store;
    private readonly TimeProvider _time;

    public AlertRepository(IRecordStore store, TimeProvider? time = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Stores a new rule and returns it as stored: a fresh id when it has none, <c>created_ms</c> now when 0, and a
    /// name from its definition when it has none.</summary>
    /// <exception cref="AlertRuleException">The rule is invalid (nothing is stored).</exception>
    /// <exception cref="ArgumentException">A rule with its id exists.</exception>
    /// <exception cref="StoreException">The store failed.</exception>
    public AlertRule Add(AlertRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        AlertRule complete = rule with
        {
            Id = rule.Id.Length > 0 ? rule.Id : NewId(),
            CreatedMs = rule.CreatedMs > 0 ? rule.CreatedMs : _time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        if (complete.Name.Length == 0 && complete.FindProblems().Count == 0) complete = complete with { Name = complete.Describe() };
        complete.Validate();
        if (_store.GetRecord(RuleKind, complete.Id) is not null) throw new ArgumentException($"An alert rule with id '{complete.Id}' exists already.", nameof(rule));
        Save(complete);
        return complete;
    }

    /// <summary>Stores the rule, replacing the one with its id.</summary>
    /// <exception cref="AlertRuleException">The rule is invalid (nothing is stored).</exception>
    /// <exception cref="StoreException">The store failed.</exception>
    public void Save(AlertRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        rule.Validate();
        _store.PutRecords([new StoredRecord(RuleKind, rule.Id, rule.CreatedMs, AlertJson.WriteRule(rule))]);
    }

    /// <summary>Returns the rule with <paramref name="id"/>, or null.</summary>
    /// <exception cref="InvalidDataException">The stored record is not a valid rule.</exception>
    public AlertRule? Get(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _store.GetRecord(RuleKind, id) is { } record ? ParseRule(record) : null;
    }

    /// <summary>Deletes the rule; returns false when there was none. Its fired events stay.</summary>
    public bool Remove(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _store.DeleteRecord(RuleKind, id);
    }

    /// <summary>Enables or disables the stored rule and returns it, or null when there is none.</summary>
    public AlertRule? SetEnabled(string id, bool enabled)
    {
        if (Get(id) is not { } rule) return null;
        if (rule.Enabled == enabled) return rule;
        AlertRule changed = rule with { Enabled = enabled };
        Save(changed);
        return changed;
    }

    /// <summary>Returns every stored rule, oldest first. A record that is not a valid rule is skipped and described in
    /// <paramref name="problems"/> (when given), so one bad record does not stop the others.</summary>
    public IReadOnlyList<AlertRule> LoadRules(ICollection<string>? problems = null)
    {
        var rules = new List<AlertRule>();
        foreach (StoredRecord record in _store.ReadRecords(RuleKind, TimeRange.All))
        {
            try
            {
                rules.Add(ParseRule(record));
            }
            catch (InvalidDataException e)
            {
                problems?.Add(e.Message);
            }
        }
        return rules;
    }

    /// <summary>Stores fired events (one transaction).</summary>
    /// <exception cref="StoreException">The store failed.</exception>
    public void SaveEvents(IReadOnlyList<AlertEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0) return;
        var records = new StoredRecord[events.Count];
        for (int i = 0; i < records.Length; i++) records[i] = new StoredRecord(EventKind, events[i].Id, events[i].TimeMs, AlertJson.WriteEvent(events[i]));
        _store.PutRecords(records);
    }

    /// <summary>Stores one fired event.</summary>
    /// <exception cref="StoreException">The store failed.</exception>
    public void SaveEvent(AlertEvent alert) => SaveEvents([alert]);

    /// <summary>Returns the newest <paramref name="limit"/> events in <paramref name="range"/> (all times when null), newest first;
    /// unreadable records are skipped.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is negative.</exception>
    public IReadOnlyList<AlertEvent> ReadEvents(int limit, TimeRange? range = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var events = new List<AlertEvent>();
        foreach (StoredRecord record in _store.ReadRecords(EventKind, range ?? TimeRange.All, limit, newestFirst: true))
        {
            try
            {
                events.Add(AlertJson.ReadEvent(record.Json));
            }
            catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
            {
                // A foreign or damaged record: listing the rest matters more than failing on it.
            }
        }
        return events;
    }

    /// <summary>Builds an engine with the stored rules, restored from the newest stored events: each level that fired stays
    /// disarmed with its cooldown running from its last fire.</summary>
    public AlertEngine BuildEngine(Action<AlertEvent> onFired, ICollection<string>? problems = null)
    {
        var engine = new AlertEngine(onFired);
        foreach (AlertRule rule in LoadRules(problems)) engine.Upsert(rule);
        IReadOnlyList<AlertEvent> recent = ReadEvents(RestoredEvents);
        for (int i = recent.Count - 1; i >= 0; i--) engine.Restore(recent[i]);
        return engine;
    }

    /// <summary>Returns a new rule id: 8 random hex digits, such as <c>3f9a0c1b</c>.</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    private static AlertRule ParseRule(StoredRecord record)
    {
        try
        {
            AlertRule rule = AlertJson.ReadRule(record.Json);
            rule.Validate();
            return rule;
        }
        catch (Exception e) when (e is AlertRuleException or System.Text.Json.JsonException)
        {
            throw new InvalidDataException($"Stored alert rule '{record.Key}' is not valid: {e.Message}", e);
        }
    }
}
