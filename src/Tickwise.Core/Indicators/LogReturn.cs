namespace Tickwise.Core.Indicators;

/// <summary>Logarithmic return of the latest price over the previous one: <c>ln(p / p_prev)</c>.</summary>
/// <remarks>Ready after 2 prices; invalid prices are ignored and counted (see <see cref="PriceReturn"/>).</remarks>
public sealed class LogReturn : PriceReturn
{
    /// <inheritdoc/>
    protected override double FromRatio(double ratio) => Math.Log(ratio);

    /// <summary>Returns the log return at every price (the reference).</summary>
    /// <returns>One value per price; NaN at the first valid price; at an invalid price, the previous value.</returns>
    public static double[] Batch(ReadOnlySpan<double> prices) => Batch(prices, Math.Log);
}
