namespace Tickwise.Core.Statistics;

/// <summary>How the augmented Dickey-Fuller test chooses the number of lagged differences (statsmodels' <c>autolag</c>).</summary>
public enum AdfLagSelection
{
    /// <summary>Use the maximum lag as given (<c>autolag=None</c>).</summary>
    Fixed = 0,

    /// <summary>Choose the lag from 0 to the maximum that minimizes Akaike's criterion (<c>autolag="AIC"</c>).</summary>
    Aic,

    /// <summary>Choose the lag from 0 to the maximum that minimizes the Bayesian criterion (<c>autolag="BIC"</c>).</summary>
    Bic,
}
