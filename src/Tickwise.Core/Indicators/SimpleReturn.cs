namespace Tickwise.Core.Indicators;

/// <summary>Simple return of the latest price over the previous one: <c>p / p_prev - 1</c>.</summary>
/// <remarks>Ready after 2 prices; invalid prices are ignored and counted (see <see cref="PriceReturn"/>).</remarks>
public sealed class SimpleReturn : PriceReturn
{
    /// <inheritdoc/>
    protected override double FromRatio(double ratio) => ratio - 1;

    /// <summary>Returns the simple return at every price (the reference).</summary>
    /// <returns>One value per price; NaN at the first valid price; at an invalid price, the previous value.</returns>
    public static double[] Batch(ReadOnlySpan<double> prices) => Batch(prices, ratio => ratio - 1);
}
