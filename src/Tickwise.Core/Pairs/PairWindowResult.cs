using Tickwise.Core.Statistics;

namespace Tickwise.Core.Pairs;

/// <summary>The statistics of a pair over one window of aligned closes: what <c>tickwise analyze pair</c> and
/// <c>/api/pairs/analytics</c> report.</summary>
/// <remarks>Undefined values are NaN; <see cref="Status"/> and <see cref="Reason"/> say why the hedge is undefined.</remarks>
public sealed record PairWindowResult
{
    /// <summary>Observations (aligned bars) in the window.</summary>
    public required int Observations { get; init; }

    /// <summary>The hedge method used for the spread.</summary>
    public required HedgeMethod Method { get; init; }

    /// <summary>Ok when the hedge ratio is defined; otherwise why not.</summary>
    public required StatisticStatus Status { get; init; }

    /// <summary>Why the hedge is undefined, or null.</summary>
    public string? Reason { get; init; }

    /// <summary>Beta of leg A on leg B.</summary>
    public double HedgeRatio { get; init; } = double.NaN;

    /// <summary>Alpha of leg A on leg B.</summary>
    public double Intercept { get; init; } = double.NaN;

    /// <summary>1 - SS(spread) / SS(A about its mean): the share of A's variance the hedge explains (for OLS, its R²).</summary>
    public double RSquared { get; init; } = double.NaN;

    /// <summary>The last spread value, A - (beta·B + alpha).</summary>
    public double SpreadLast { get; init; } = double.NaN;

    /// <summary>The last spread value's z-score against the window's spreads (population standard deviation, as the rolling z-score).</summary>
    public double ZScoreLast { get; init; } = double.NaN;

    /// <summary>ADF on the OLS residual spread (or as configured).</summary>
    public required AdfResult Adf { get; init; }

    /// <summary>Half-life of mean reversion of the chosen spread, in bars.</summary>
    public required HalfLifeResult HalfLife { get; init; }

    /// <summary>Pearson correlation of the legs' log returns over the window.</summary>
    public double Correlation { get; init; } = double.NaN;
}
