namespace Tickwise.Core.Statistics;

/// <summary>How <see cref="TheilSen"/> places the intercept once the slope is known (scipy's <c>method</c>).</summary>
public enum TheilSenIntercept
{
    /// <summary>median(y) - slope · median(x), Conover's estimate (scipy's default, "separate").</summary>
    Separate = 0,

    /// <summary>median(y - slope · x) ("joint").</summary>
    Joint,
}
