namespace Tickwise.Core.Alerts;

/// <summary>How urgent a fired alert is. JSON names: <c>low</c>, <c>medium</c>, <c>high</c>.</summary>
public enum AlertPriority
{
    /// <summary>Worth a glance.</summary>
    Low = 0,

    /// <summary>The default.</summary>
    Medium,

    /// <summary>Act now.</summary>
    High,
}
