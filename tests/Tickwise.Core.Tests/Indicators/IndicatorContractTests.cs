using Tickwise.Core.Indicators;

namespace Tickwise.Core.Tests.Indicators;

/// <summary>
/// The contract every indicator keeps (as LEAN's CommonIndicatorTests): published reference values match, it is
/// ready exactly at warm-up, reset restores the start state, the incremental form agrees with the batch function,
/// and bad input is ignored and counted. Each indicator's test class derives from this and inherits the facts.
/// </summary>
public abstract class IndicatorContractTests<T> where T : IIndicator
{
    protected abstract T CreateSut();

    /// <summary>Feeds one bar the way this indicator takes it (close, or high/low/close, or price and volume).</summary>
    protected abstract void Update(T sut, QuoteRow row);

    /// <summary>The batch (reference) function over the same bars, one output per bar.</summary>
    protected abstract double[] Batch(IReadOnlyList<QuoteRow> rows);

    /// <summary>The output the batch function computes; Value by default.</summary>
    protected virtual double Read(T sut) => sut.Value;

    protected abstract int ExpectedWarmUp { get; }

    /// <summary>Published values; at least one case per indicator.</summary>
    protected abstract IEnumerable<ReferenceCase<T>> ReferenceCases();

    /// <summary>Bars this indicator must ignore and count; by default closes that are NaN or infinite.</summary>
    protected virtual IEnumerable<Func<QuoteRow, QuoteRow>> BadInputs()
    {
        yield return r => r.WithClose(double.NaN);
        yield return r => r.WithClose(double.PositiveInfinity);
        yield return r => r.WithClose(double.NegativeInfinity);
    }

    [Fact]
    public void Update_ReferenceQuotes_MatchesPublishedValues()
    {
        var cases = ReferenceCases().ToList();
        cases.ShouldNotBeEmpty();
        QuoteRow[] quotes = ReferenceData.Quotes;
        foreach (ReferenceCase<T> c in cases)
        {
            c.Points.ShouldNotBeEmpty(c.Source);
            var byIndex = c.Points.ToDictionary(p => p.Index, p => p.Expected);
            T sut = c.Create();
            for (int i = 0; i < quotes.Length; i++)
            {
                Update(sut, quotes[i]);
                if (!byIndex.TryGetValue(i, out double? expected)) continue;
                double actual = c.Read(sut);
                if (expected is null) double.IsNaN(actual).ShouldBeTrue($"{c.Source} [{i}] should be empty, was {actual}");
                else actual.ShouldBe(expected.Value, c.Tolerance, $"{c.Source} [{i}]");
            }
        }
    }

    [Fact]
    public void Update_FewerInputsThanWarmUp_IsNotReadyAndValueIsNaN()
    {
        T sut = CreateSut();
        sut.WarmUpPeriod.ShouldBe(ExpectedWarmUp);
        for (int i = 0; i < ExpectedWarmUp - 1; i++)
        {
            Update(sut, ReferenceData.Quotes[i]);
            sut.IsReady.ShouldBeFalse($"after {i + 1} inputs");
            double.IsNaN(sut.Value).ShouldBeTrue($"after {i + 1} inputs");
        }
    }

    [Fact]
    public void Update_WarmUpInputs_IsReadyWithFiniteValue()
    {
        T sut = CreateSut();
        for (int i = 0; i < ExpectedWarmUp; i++) Update(sut, ReferenceData.Quotes[i]);
        sut.IsReady.ShouldBeTrue();
        double.IsFinite(sut.Value).ShouldBeTrue();
        sut.SampleCount.ShouldBe(ExpectedWarmUp);
    }

    [Fact]
    public void Reset_AfterUpdates_RestoresStartState()
    {
        T sut = CreateSut();
        T fresh = CreateSut();
        QuoteRow[] quotes = ReferenceData.Quotes;
        for (int i = 0; i < 137; i++) Update(sut, quotes[i]);
        Update(sut, BadInputs().First()(quotes[0]));

        sut.Reset();

        sut.IsReady.ShouldBeFalse();
        double.IsNaN(sut.Value).ShouldBeTrue();
        sut.SampleCount.ShouldBe(0);
        sut.RejectedCount.ShouldBe(0);
        for (int i = 0; i < quotes.Length; i++)
        {
            Update(sut, quotes[i]);
            Update(fresh, quotes[i]);
            Read(sut).ShouldBe(Read(fresh), $"[{i}]"); // bit for bit: a reset indicator is a new one
        }
    }

    [Fact]
    public void Update_ReferenceQuotes_AgreesWithBatch() => AssertAgreesWithBatch(ReferenceData.Quotes);

    [Fact]
    public void Update_LongRandomWalkFarFromZero_AgreesWithBatch() =>
        // 50k bars near 60000 with small steps: running sums far from zero are where drift and cancellation show.
        AssertAgreesWithBatch(ReferenceData.RandomWalk(50_000, 60_000, 5, seed: 7));

    /// <summary>Price scales far from 1 that this indicator and its batch function must handle.</summary>
    protected virtual (double Tiny, double Huge) Magnitudes => (1e-100, 1e100);

    [Fact]
    public void Update_HugePrices_AgreesWithBatch() => AssertAgreesWithBatch(ScalePrices(Magnitudes.Huge), Magnitudes.Huge);

    [Fact]
    public void Update_TinyPrices_AgreesWithBatch() => AssertAgreesWithBatch(ScalePrices(Magnitudes.Tiny), Magnitudes.Tiny);

    private static QuoteRow[] ScalePrices(double factor) =>
        ReferenceData.Quotes.Select(q => q with { Open = q.Open * factor, High = q.High * factor, Low = q.Low * factor, Close = q.Close * factor }).ToArray();

    [Fact]
    public void Update_BadInput_IsIgnoredAndCounted()
    {
        QuoteRow[] quotes = ReferenceData.Quotes;
        foreach (Func<QuoteRow, QuoteRow> bad in BadInputs())
        {
            T sut = CreateSut();
            for (int i = 0; i < 60; i++) Update(sut, quotes[i]);
            double before = Read(sut);
            long samples = sut.SampleCount;

            Update(sut, bad(quotes[60]));

            Read(sut).ShouldBe(before);
            sut.SampleCount.ShouldBe(samples);
            sut.RejectedCount.ShouldBe(1);
        }
    }

    [Fact]
    public void Update_BadInputsAmongQuotes_AgreesWithBatchAndCleanRun()
    {
        var rows = new List<QuoteRow>();
        var clean = CreateSut();
        var cleanValues = new List<double>();
        var bad = BadInputs().ToArray();
        QuoteRow[] quotes = ReferenceData.Quotes;
        for (int i = 0; i < quotes.Length; i++)
        {
            if (i % 7 == 3) rows.Add(bad[i % bad.Length](quotes[i]));
            rows.Add(quotes[i]);
        }

        AssertAgreesWithBatch(rows);
        T sut = CreateSut();
        foreach (QuoteRow q in rows) Update(sut, q);
        foreach (QuoteRow q in quotes) Update(clean, q);
        Read(sut).ShouldBe(Read(clean));
        sut.RejectedCount.ShouldBe(rows.Count - quotes.Length);
    }

    // scale: the magnitude of the prices, so that a tolerance relative to it stays meaningful for tiny prices.
    private void AssertAgreesWithBatch(IReadOnlyList<QuoteRow> rows, double scale = 1)
    {
        double[] expected = Batch(rows);
        expected.Length.ShouldBe(rows.Count);
        T sut = CreateSut();
        int defined = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            Update(sut, rows[i]);
            double actual = Read(sut);
            if (double.IsNaN(expected[i]))
            {
                double.IsNaN(actual).ShouldBeTrue($"[{i}] batch is NaN, incremental {actual}");
                continue;
            }

            defined++;
            double tolerance = Tolerances.IncrementalVsBatch * Math.Max(scale, Math.Abs(expected[i]));
            actual.ShouldBe(expected[i], tolerance, $"[{i}]");
        }

        defined.ShouldBeGreaterThan(rows.Count / 2);
    }
}
