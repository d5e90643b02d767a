namespace Tickwise.Core.Statistics;

/// <summary>The deterministic terms of an augmented Dickey-Fuller regression (statsmodels' <c>regression</c> codes).</summary>
public enum AdfRegression
{
    /// <summary>No constant and no trend (<c>"n"</c>).</summary>
    None = 0,

    /// <summary>A constant (<c>"c"</c>), the usual choice for a spread.</summary>
    Constant,

    /// <summary>A constant and a linear trend (<c>"ct"</c>).</summary>
    ConstantTrend,

    /// <summary>A constant, a linear and a quadratic trend (<c>"ctt"</c>).</summary>
    ConstantQuadraticTrend,
}
