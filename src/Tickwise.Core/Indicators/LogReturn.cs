namespace Tickwise.Core.Indicators;

/// <summary>Logarithmic return of the latest price over the previous one: <c>ln(p / p_prev)</c>.</summary>
/// <remarks>Ready after 2 prices. A price that is not finite and positive is ignored and counted, so a
/// return always spans two valid prices.</remarks>
public sealed class LogReturn : ValueIndicator
{
    private double _previous = double.NaN;
    private double _value = double.NaN;

    /// <inheritdoc/>
    public override int WarmUpPeriod => 2;

    /// <inheritdoc/>
    public override double Value => _value;

    /// <inheritdoc/>
    protected override bool Accepts(double value) => BatchInput.IsPrice(value);

    /// <inheritdoc/>
    protected override void Apply(double value)
    {
        if (SampleCount > 1) _value = Math.Log(value / _previous);
        _previous = value;
    }

    /// <inheritdoc/>
    protected override void Clear()
    {
        _previous = double.NaN;
        _value = double.NaN;
    }

    /// <summary>Returns the log return at every price (the reference).</summary>
    /// <returns>One value per price; NaN at the first valid price; at an invalid price, the previous value.</returns>
    public static double[] Batch(ReadOnlySpan<double> prices) =>
        BatchInput.Map(prices, BatchInput.IsPrice, x =>
        {
            double[] output = BatchInput.NaNs(x.Length);
            for (int i = 1; i < x.Length; i++) output[i] = Math.Log(x[i] / x[i - 1]);
            return output;
        });
}
