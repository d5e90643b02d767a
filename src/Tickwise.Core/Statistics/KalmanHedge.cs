using Tickwise.Core.Indicators;

namespace Tickwise.Core.Statistics;

/// <summary>Dynamic hedge ratio by a Kalman filter: y_t = slope_t · x_t + intercept_t + ε_t, with slope and
/// intercept following a random walk. Updated in O(1) without allocating.</summary>
/// <remarks>
/// <para>State β = (slope, intercept), covariance P (2×2). Each pair (x, y): predict P⁻ = P + q I with
/// q = δ / (1 - δ) (Chan's parametrisation, <c>delta</c>); innovation e = y - (slope x + intercept) with the
/// prior state, innovation variance S = h'P⁻h + R with h = (x, 1); gain K = P⁻h / S; β += K e; P by Joseph's
/// form (I - Kh')P⁻(I - Kh')' + R K K', which stays symmetric and positive for a diffuse prior.</para>
/// <para>With δ = 0 the state does not move and the filter is recursive least squares: after n pairs
/// β = (R P0⁻¹ + H'H)⁻¹ (R P0⁻¹ β0 + H'y), the ordinary least-squares line shrunk toward the prior β0 (zero)
/// by P0 = <c>initialVariance</c> · I; a large P0 gives the OLS line of the pairs seen so far.</para>
/// <para>Observation noise R: fixed (<c>observationVariance</c>), or, when that is null, estimated online by
/// matching the innovations (Mehra): R ← (1 - λ) R + λ max(e² - h'P⁻h, R / 100), λ = <c>noiseSmoothing</c>,
/// starting from the first innovation's square.</para>
/// <para><see cref="Value"/> is the slope (the hedge ratio). Ready after <see cref="WarmUpPeriod"/> accepted pairs.
/// A pair with a NaN or infinite member is ignored and counted in <see cref="RejectedCount"/>.</para>
/// </remarks>
public sealed class KalmanHedge : IIndicator
{
    private readonly double _q;
    private readonly double? _fixedR;
    private readonly double _initialVariance;
    private readonly double _smoothing;
    private double _slope, _intercept;
    private double _p00, _p01, _p11; // covariance of (slope, intercept), symmetric
    private double _r;
    private double _innovation = double.NaN, _innovationVariance = double.NaN;

    /// <summary>Creates a filter.</summary>
    /// <param name="delta">Process noise δ in [0, 1): the state variance added per step is δ / (1 - δ); 0 freezes the state.</param>
    /// <param name="observationVariance">The observation noise variance R (positive), or null to estimate it (see remarks).</param>
    /// <param name="initialVariance">The prior variance of slope and intercept (positive; large means uninformative).</param>
    /// <param name="warmUpPeriod">The accepted pairs after which the filter is ready (at least 1).</param>
    /// <param name="noiseSmoothing">λ of the observation-noise estimate, in (0, 1]; unused when R is fixed.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range (named in the exception).</exception>
    public KalmanHedge(double delta = 1e-4, double? observationVariance = 1e-3, double initialVariance = 1e6,
        int warmUpPeriod = 2, double noiseSmoothing = 0.01)
    {
        if (!(delta >= 0 && delta < 1)) throw new ArgumentOutOfRangeException(nameof(delta), delta, "delta must lie in [0, 1).");
        if (observationVariance is { } r && !(r > 0 && double.IsFinite(r)))
            throw new ArgumentOutOfRangeException(nameof(observationVariance), observationVariance, "The observation variance must be positive and finite.");
        if (!(initialVariance > 0 && double.IsFinite(initialVariance)))
            throw new ArgumentOutOfRangeException(nameof(initialVariance), initialVariance, "The initial variance must be positive and finite.");
        if (!(noiseSmoothing > 0 && noiseSmoothing <= 1))
            throw new ArgumentOutOfRangeException(nameof(noiseSmoothing), noiseSmoothing, "The smoothing must lie in (0, 1].");
        Guard.Period(warmUpPeriod, nameof(warmUpPeriod));
        Delta = delta;
        _q = delta / (1 - delta);
        _fixedR = observationVariance;
        _initialVariance = initialVariance;
        _smoothing = noiseSmoothing;
        WarmUpPeriod = warmUpPeriod;
        Reset();
    }

    /// <summary>Gets the process noise parameter δ.</summary>
    public double Delta { get; }

    /// <summary>Gets whether the observation noise is estimated rather than fixed.</summary>
    public bool EstimatesObservationNoise => _fixedR is null;

    /// <inheritdoc/>
    public int WarmUpPeriod { get; }

    /// <inheritdoc/>
    public bool IsReady => SampleCount >= WarmUpPeriod;

    /// <inheritdoc/>
    public long SampleCount { get; private set; }

    /// <inheritdoc/>
    public long RejectedCount { get; private set; }

    /// <summary>Gets <see cref="StatisticStatus.NotEnoughData"/> until ready, then <see cref="StatisticStatus.Ok"/>.</summary>
    public StatisticStatus Status => IsReady ? StatisticStatus.Ok : StatisticStatus.NotEnoughData;

    /// <summary>Gets the slope (the hedge ratio), or NaN until ready.</summary>
    public double Value => Slope;

    /// <summary>Gets the filtered slope after the last pair, or NaN until ready.</summary>
    public double Slope => IsReady ? _slope : double.NaN;

    /// <summary>Gets the filtered intercept after the last pair, or NaN until ready.</summary>
    public double Intercept => IsReady ? _intercept : double.NaN;

    /// <summary>Gets the posterior variance of the slope, or NaN until ready.</summary>
    public double SlopeVariance => IsReady ? _p00 : double.NaN;

    /// <summary>Gets the last innovation y - (slope x + intercept) with the state before that pair, or NaN until ready.</summary>
    public double Innovation => IsReady ? _innovation : double.NaN;

    /// <summary>Gets the last innovation's predicted variance S = h'P⁻h + R, or NaN until ready.</summary>
    public double InnovationVariance => IsReady ? _innovationVariance : double.NaN;

    /// <summary>Gets the last innovation in standard deviations, e / √S (Chan's entry signal), or NaN until ready.</summary>
    public double InnovationZScore => IsReady ? _innovation / Math.Sqrt(_innovationVariance) : double.NaN;

    /// <summary>Gets the observation noise variance R in use (fixed, or the current estimate; NaN before the first pair when estimated).</summary>
    public double ObservationVariance => _r;

    /// <summary>Feeds the next pair, x the hedging leg and y the hedged one; a pair with a non-finite member is ignored and counted.</summary>
    public void Update(double x, double y)
    {
        if (!double.IsFinite(x) || !double.IsFinite(y))
        {
            RejectedCount++;
            return;
        }

        // Predict: random-walk state, covariance grows by q on the diagonal.
        double a = _p00 + _q, b = _p01, c = _p11 + _q;
        double ph0 = a * x + b, ph1 = b * x + c; // P⁻h
        double hph = ph0 * x + ph1;              // h'P⁻h
        double e = y - (_slope * x + _intercept);
        if (_fixedR is null)
        {
            double sample = e * e - hph;
            _r = double.IsNaN(_r) ? Math.Max(e * e, double.Epsilon) : (1 - _smoothing) * _r + _smoothing * Math.Max(sample, _r / 100);
        }

        double s = hph + _r;
        double k0 = ph0 / s, k1 = ph1 / s;
        _slope += k0 * e;
        _intercept += k1 * e;

        // Joseph form: (I - K h') P⁻ (I - K h')' + R K K'.
        double m00 = 1 - k0 * x, m01 = -k0, m10 = -k1 * x, m11 = 1 - k1;
        double t00 = m00 * a + m01 * b, t01 = m00 * b + m01 * c;
        double t10 = m10 * a + m11 * b, t11 = m10 * b + m11 * c;
        _p00 = t00 * m00 + t01 * m01 + _r * k0 * k0;
        _p01 = t00 * m10 + t01 * m11 + _r * k0 * k1;
        _p11 = t10 * m10 + t11 * m11 + _r * k1 * k1;
        _innovation = e;
        _innovationVariance = s;
        SampleCount++;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _slope = 0;
        _intercept = 0;
        _p00 = _initialVariance;
        _p01 = 0;
        _p11 = _initialVariance;
        _r = _fixedR ?? double.NaN;
        _innovation = double.NaN;
        _innovationVariance = double.NaN;
        SampleCount = 0;
        RejectedCount = 0;
    }
}
