namespace Tickwise.Core.Alerts;

/// <summary>One level of a rule that fires when the value reaches it from the other side, with hysteresis and its own cooldown clock.</summary>
/// <remarks>
/// <para>States: unknown until the first value (which only sets the side: a rule never fires on the value it starts with),
/// armed while the value is on the near side, disarmed after it reached the level. Armed and the value reaches the
/// level (at counts: <c>value ≥ level</c> upward, <c>value ≤ level</c> downward): a crossing, and the level disarms.
/// Disarmed and the value goes strictly beyond <c>level ∓ hysteresis</c> back on the near side: armed again. NaN values
/// are skipped and change nothing.</para>
/// <para>A crossing within the cooldown of the last fire of this level is suppressed, but still disarms it: the value has
/// to come back and cross again after the cooldown.</para>
/// </remarks>
internal struct CrossingLevel
{
    private const byte Unknown = 0, Armed = 1, Disarmed = 2;

    private readonly double _reArm;
    private byte _state;

    public CrossingLevel(double level, bool upward, double hysteresis, string tag, bool extreme)
    {
        Level = level;
        Upward = upward;
        _reArm = upward ? level - hysteresis : level + hysteresis;
        Tag = tag;
        IsExtreme = extreme;
        LastFireMs = long.MinValue;
    }

    /// <summary>The level, signed.</summary>
    public double Level { get; }

    /// <summary>True when the level fires on values rising to it.</summary>
    public bool Upward { get; }

    /// <summary>Suffix of the event id ("" for the rule's main level).</summary>
    public string Tag { get; }

    /// <summary>True for a z-score rule's extreme level.</summary>
    public bool IsExtreme { get; }

    /// <summary>True once a value was seen (the side is known).</summary>
    public readonly bool HasValue => _state != Unknown;

    /// <summary>True while the value is on the near side: reaching the level is a crossing.</summary>
    public readonly bool IsArmed => _state == Armed;

    /// <summary>Data time of the last fire, or <see cref="long.MinValue"/>.</summary>
    public long LastFireMs { get; set; }

    /// <summary>Takes a value; returns true when it crossed the level (cooldown not considered).</summary>
    public bool Update(double value)
    {
        if (double.IsNaN(value)) return false;
        bool reached = Upward ? value >= Level : value <= Level;
        switch (_state)
        {
            case Armed when reached:
                _state = Disarmed;
                return true;
            case Disarmed when Upward ? value < _reArm : value > _reArm:
                _state = Armed;
                return false;
            case Unknown:
                _state = reached ? Disarmed : Armed;
                return false;
            default:
                return false;
        }
    }

    /// <summary>Returns whether a crossing at <paramref name="timeMs"/> may fire, and if so records it as the last fire.</summary>
    public bool TryFire(long timeMs, long cooldownMs)
    {
        if (cooldownMs > 0 && LastFireMs != long.MinValue && timeMs - LastFireMs < cooldownMs) return false;
        LastFireMs = timeMs;
        return true;
    }

    /// <summary>Restores the state after a stored fire: disarmed, with its cooldown running from <paramref name="timeMs"/>.</summary>
    public void Restore(long timeMs)
    {
        _state = Disarmed;
        if (timeMs > LastFireMs) LastFireMs = timeMs;
    }
}
