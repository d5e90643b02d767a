namespace Tickwise.Core.Indicators;

/// <summary>The return of the latest price over the previous one, in the form a subclass chooses from their ratio.</summary>
/// <remarks>Ready after 2 prices. A price that is not finite and positive is ignored and counted, so a
/// return always spans two valid prices.</remarks>
public abstract class PriceReturn : ValueIndicator
{
    private double _previous = double.NaN;
    private double _value = double.NaN;

    /// <inheritdoc/>
    public override int WarmUpPeriod => 2;

    /// <inheritdoc/>
    public override double Value => _value;

    /// <summary>Returns the return for the ratio <c>p / p_prev</c>.</summary>
    protected abstract double FromRatio(double ratio);

    /// <inheritdoc/>
    protected override bool Accepts(double value) => BatchInput.IsPrice(value);

    /// <inheritdoc/>
    protected override void Apply(double value)
    {
        if (SampleCount > 1) _value = FromRatio(value / _previous);
        _previous = value;
    }

    /// <inheritdoc/>
    protected override void Clear()
    {
        _previous = double.NaN;
        _value = double.NaN;
    }

    /// <summary>Returns <paramref name="fromRatio"/> of every valid price over the previous valid one (the batch reference).</summary>
    /// <returns>One value per price; NaN at the first valid price; at an invalid price, the previous value.</returns>
    protected static double[] Batch(ReadOnlySpan<double> prices, Func<double, double> fromRatio) =>
        BatchInput.Map(prices, BatchInput.IsPrice, x =>
        {
            double[] output = BatchInput.NaNs(x.Length);
            for (int i = 1; i < x.Length; i++) output[i] = fromRatio(x[i] / x[i - 1]);
            return output;
        });
}
