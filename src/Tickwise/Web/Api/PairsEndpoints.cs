using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tickwise.Core.Market;
using Tickwise.Core.Pairs;
using Tickwise.Core.Statistics;
using Tickwise.Web.Analysis;

namespace Tickwise.Web.Api;

/// <summary><c>/api/pairs/analytics</c> and <c>/api/pairs/series</c>: <see cref="PairAnalytics"/> over stored bars.</summary>
/// <remarks>Leg A (<c>a</c>) is regressed on leg B (<c>b</c>). The z-score window is the whole regression window.</remarks>
internal static class PairsEndpoints
{
    private const int MaxWindow = 10_000;
    private const long MaxWork = 2_000_000;

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapPairsEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/api/pairs").WithTags("Pairs");
        api.ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/analytics", Analytics).WithName("GetPairAnalytics")
            .WithSummary("Hedge ratio, spread, z-score, Engle-Granger ADF, half-life and correlation over the latest `window` bars the legs share.");
        api.MapGet("/series", Series).WithName("GetPairSeries")
            .WithSummary("Per shared bar: both prices, hedge ratio, spread, z-score and correlation over a rolling `window`.");
        return app;
    }

    private static (Symbol A, Symbol B) Legs(WebContext context, string? a, string? b)
    {
        Symbol symbolA = QueryValues.Symbol(a, "a"), symbolB = QueryValues.Symbol(b, "b");
        if (symbolA == symbolB) throw ApiException.BadRequest($"a and b are both {symbolA}: a pair needs two symbols.");
        QueryValues.KnownSymbol(context.Store, a, "a");
        QueryValues.KnownSymbol(context.Store, b, "b");
        return (symbolA, symbolB);
    }

    private static JsonBodyResult Analytics(WebContext context, string? a, string? b, string? interval, string? window, string? hedge)
    {
        Interval iv = QueryValues.Interval(interval, Interval.OneMinute);
        int bars = QueryValues.Int(window, "window", 500, 20, MaxWindow);
        HedgeMethod method = HedgeMethods.Parse(hedge);
        (Symbol symbolA, Symbol symbolB) = Legs(context, a, b);
        Bar[] barsA = StoredSeries.Bars(context.Store, symbolA, iv, null, null, bars);
        Bar[] barsB = StoredSeries.Bars(context.Store, symbolB, iv, null, null, bars);
        AlignedCloses aligned = AlignedCloses.Of([barsA, barsB]);
        int n = aligned.OpenTimes.Length;
        PairSnapshot? snapshot = null;
        double rSquared = double.NaN;
        if (n >= 20)
        {
            // The window shrinks to the bars the legs share, so a short history still gets its statistics.
            var options = new PairAnalyticsOptions { BarInterval = iv, WindowBars = n, ZScoreBars = n, SpreadMethod = method };
            var analytics = new PairAnalytics(symbolA, symbolB, options);
            for (int i = 0; i < n; i++) snapshot = analytics.Update(aligned.OpenTimes[i], aligned.Closes[0][i], aligned.Closes[1][i]) ?? snapshot;
            // For least squares with an intercept, R² is the squared correlation of the two price series.
            if (Correlation.TryPearson(aligned.Closes[0], aligned.Closes[1], out double r) == StatisticStatus.Ok) rSquared = r * r;
        }
        return new JsonBodyResult(w =>
        {
            HedgeEstimate h = snapshot?.Hedge(method) ?? HedgeEstimate.Undefined(method, StatisticStatus.NotEnoughData);
            EngleGrangerResult? eg = snapshot?.Cointegration;
            w.WriteStartObject();
            w.WriteString("a"u8, symbolA.Value);
            w.WriteString("b"u8, symbolB.Value);
            w.WriteString("interval"u8, iv.ToString());
            w.WriteString("hedge"u8, HedgeMethods.Name(method));
            w.WriteNumber("n"u8, n);
            JsonValues.Double(w, "hedge_ratio", h.HedgeRatio);
            JsonValues.Double(w, "intercept", h.Intercept);
            JsonValues.Double(w, "r_squared", rSquared);
            JsonValues.Double(w, "spread_last", snapshot?.Spread ?? double.NaN);
            JsonValues.Double(w, "zscore_last", snapshot?.ZScore ?? double.NaN);
            JsonValues.Double(w, "adf_stat", eg?.Statistic ?? double.NaN);
            JsonValues.Double(w, "adf_pvalue", eg?.PValue ?? double.NaN);
            if (eg is { Status: StatisticStatus.Ok }) w.WriteNumber("adf_lags"u8, eg.UsedLag);
            else w.WriteNull("adf_lags"u8);
            w.WriteStartObject("adf_crit"u8);
            JsonValues.Double(w, "1%", eg?.CriticalValue1 ?? double.NaN);
            JsonValues.Double(w, "5%", eg?.CriticalValue5 ?? double.NaN);
            JsonValues.Double(w, "10%", eg?.CriticalValue10 ?? double.NaN);
            w.WriteEndObject();
            JsonValues.Double(w, "half_life", snapshot?.HalfLife.HalfLife ?? double.NaN);
            JsonValues.Double(w, "correlation", snapshot?.Correlation ?? double.NaN);
            w.WriteEndObject();
        });
    }

    private static TableResult Series(WebContext context, HttpRequest request, string? a, string? b, string? interval, string? from, string? to, string? window, string? hedge, string? limit)
    {
        Interval iv = QueryValues.Interval(interval, Interval.OneMinute);
        (long? fromMs, long? toMs) = QueryValues.Range(from, to);
        int bars = QueryValues.Int(window, "window", 100, 20, MaxWindow);
        int rows = QueryValues.Int(limit, "limit", 1000, 1, QueryValues.MaxLimit);
        HedgeMethod method = HedgeMethods.Parse(hedge);
        // Each row refits the window (O(window) and more), so the work a request may ask for is bounded.
        if ((long)rows * bars > MaxWork) throw ApiException.BadRequest($"limit={rows} rows with window={bars} is too much work: keep limit × window under {MaxWork:N0}.");
        bool csv = ResponseFormat.WantsCsv(request);
        (Symbol symbolA, Symbol symbolB) = Legs(context, a, b);

        // The window's worth of bars before the first row warms the statistics up, so the first rows are defined too.
        long? warmFrom = fromMs is { } f ? Math.Max(0, f - (long)bars * iv.Milliseconds) : null;
        int readLimit = fromMs is null ? rows + bars : QueryValues.MaxLimit + bars;
        Bar[] barsA = StoredSeries.Bars(context.Store, symbolA, iv, warmFrom, toMs, readLimit);
        Bar[] barsB = StoredSeries.Bars(context.Store, symbolB, iv, warmFrom, toMs, readLimit);
        var options = new PairAnalyticsOptions { BarInterval = iv, WindowBars = bars, ZScoreBars = bars, SpreadMethod = method };
        List<PairSeriesRow> series = PairSeries.Compute(symbolA, symbolB, barsA, barsB, options);
        int first = 0;
        if (fromMs is { } start)
        {
            while (first < series.Count && series[first].OpenTimeMs < start) first++;
        }
        int last = Math.Min(series.Count, first + rows);
        if (fromMs is null) first = Math.Max(0, series.Count - rows);
        return new TableResult(csv, $"pair-{symbolA}-{symbolB}-{iv}", PairSeries.Columns, writer =>
        {
            for (int i = first; i < (fromMs is null ? series.Count : last); i++)
            {
                PairSeriesRow row = series[i];
                var (hedgeRatio, spread, zScore, correlation) = PairSeries.Values(row, method);
                writer.BeginRow();
                writer.WriteNumber(row.OpenTimeMs);
                writer.WriteNumber(row.CloseA.ToString());
                writer.WriteNumber(row.CloseB.ToString());
                writer.WriteDouble(hedgeRatio);
                writer.WriteDouble(spread);
                writer.WriteDouble(zScore);
                writer.WriteDouble(correlation);
            }
        });
    }
}
