namespace Tickwise.Core.Pairs;

/// <summary>How the hedge ratio of leg A on leg B is estimated.</summary>
public enum HedgeMethod
{
    /// <summary>Ordinary least squares over the window, refitted in full (Householder QR): the reference.</summary>
    WindowOls = 0,

    /// <summary>Least squares over the window from running moments, updated in O(1) (<see cref="Statistics.RollingOls"/>).</summary>
    RollingOls,

    /// <summary>Huber M-estimator over the window (<see cref="Statistics.Huber"/>): robust to outlying bars.</summary>
    Huber,

    /// <summary>Theil-Sen over the window (<see cref="Statistics.TheilSen"/>): exact for short windows, sampled for long ones.</summary>
    TheilSen,

    /// <summary>Kalman filter over every bar seen (<see cref="Statistics.KalmanHedge"/>): a ratio that drifts with time.</summary>
    Kalman,
}
