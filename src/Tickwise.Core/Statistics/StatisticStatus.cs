namespace Tickwise.Core.Statistics;

/// <summary>Whether a statistic could be computed and, if not, why.</summary>
/// <remarks>A result whose status is not <see cref="Ok"/> carries NaN values, never an exception:
/// bad market data must not stop a pipeline.</remarks>
public enum StatisticStatus
{
    /// <summary>The statistic is defined and computed.</summary>
    Ok = 0,

    /// <summary>Too few observations for the statistic (for example no residual degree of freedom).</summary>
    NotEnoughData,

    /// <summary>An input was NaN or infinite.</summary>
    NonFiniteInput,

    /// <summary>A series has no variation (a constant regressor or series), so the statistic is undefined.</summary>
    ConstantSeries,

    /// <summary>The regressors are linearly dependent (to working precision), so the coefficients are not identified.</summary>
    Singular,

    /// <summary>The series does not revert to a mean (its estimated reversion speed is zero or of the wrong sign),
    /// so a mean-reversion statistic such as a half-life is undefined.</summary>
    NotMeanReverting,

    /// <summary>Left out on purpose: the caller asked for a lighter result without this statistic
    /// (for example <see cref="Pairs.PairAnalyticsOptions.SpreadOnly"/>).</summary>
    NotComputed,
}
