using Tickwise.Core.Indicators;

namespace Tickwise.Core.Tests.Indicators;

/// <summary>The contract for indicators fed one number per bar, the close unless said otherwise.</summary>
public abstract class ValueIndicatorContractTests<T> : IndicatorContractTests<T> where T : IValueIndicator
{
    protected override void Update(T sut, QuoteRow row) => sut.Update(row.Close);

    protected override double[] Batch(IReadOnlyList<QuoteRow> rows)
    {
        var closes = new double[rows.Count];
        for (int i = 0; i < closes.Length; i++) closes[i] = rows[i].Close;
        return Batch(closes);
    }

    protected abstract double[] Batch(double[] closes);
}
