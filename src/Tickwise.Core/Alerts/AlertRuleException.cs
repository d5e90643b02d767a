namespace Tickwise.Core.Alerts;

/// <summary>An <see cref="AlertRule"/> is invalid; the message lists every problem.</summary>
public sealed class AlertRuleException : ArgumentException
{
    /// <summary>Creates the exception from the problems found.</summary>
    public AlertRuleException(IReadOnlyList<string> problems)
        : base("Invalid alert rule: " + string.Join("; ", problems))
    {
        Problems = problems;
    }

    /// <summary>Gets the problems, one sentence each.</summary>
    public IReadOnlyList<string> Problems { get; }
}
