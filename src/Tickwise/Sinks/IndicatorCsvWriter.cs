using System.Globalization;
using Tickwise.Core.Analytics;
using Tickwise.Core.Market;
using Tickwise.Ingest;

namespace Tickwise.Sinks;

/// <summary>
/// Keeps a <see cref="CrossoverTracker"/> per symbol on the live feed and appends its state to
/// <c>DIR/SYMBOL-crossover.csv</c>: a row at every bar close of the tracker's interval, and a row whenever the
/// crossover state or the book pressure changes.
/// </summary>
/// <remarks>
/// Files are appended to (a header only when a file is new), so a restarted run continues them. Rows are flushed
/// once a second of exchange time and on dispose, not per row. Columns: <c>time_ms,time,event,mid,sma,state,
/// last_cross_time_ms,micro_price,imbalance,pressure,spread,spread_bps</c>; <c>event</c> is <c>bar</c>, <c>cross</c> or
/// <c>pressure</c>. Numbers are culture-free; an undefined statistic is an empty cell.
/// </remarks>
internal sealed class IndicatorCsvWriter : IMarketObserver, IDisposable
{
    private const string Header = "time_ms,time,event,mid,sma,state,last_cross_time_ms,micro_price,imbalance,pressure,spread,spread_bps";

    private readonly string _directory;
    private readonly CrossoverTrackerOptions _options;
    private readonly Dictionary<Symbol, (CrossoverTracker Tracker, StreamWriter File)> _symbols = [];
    private long _lastFlushMs;

    /// <summary>Writes into <paramref name="directory"/>, creating it.</summary>
    /// <exception cref="IOException">The directory cannot be created.</exception>
    public IndicatorCsvWriter(string directory, CrossoverTrackerOptions? options = null)
    {
        _directory = directory;
        _options = options ?? new CrossoverTrackerOptions();
        _options.Validate();
        Directory.CreateDirectory(directory);
    }

    /// <summary>Rows written so far.</summary>
    public long Rows { get; private set; }

    /// <inheritdoc/>
    public void OnTrade(in Trade trade)
    {
    }

    /// <inheritdoc/>
    public void OnQuote(in Quote quote)
    {
        var (tracker, file) = StateOf(quote.Symbol);
        CrossoverState state = tracker.State;
        BookPressure pressure = tracker.Pressure;
        if (!tracker.OnQuote(in quote)) return;
        if (tracker.State != state) Write(file, tracker, quote.TimestampMs, "cross");
        else if (tracker.Pressure != pressure) Write(file, tracker, quote.TimestampMs, "pressure");
        FlushEverySecond(quote.TimestampMs);
    }

    /// <inheritdoc/>
    public void OnBarClosed(in Bar bar)
    {
        if (bar.Interval != _options.BarInterval) return;
        var (tracker, file) = StateOf(bar.Symbol);
        if (tracker.OnBar(in bar)) Write(file, tracker, bar.CloseTimeMs + 1, "bar");
        FlushEverySecond(bar.CloseTimeMs + 1);
    }

    /// <summary>Flushes and closes every file.</summary>
    public void Dispose()
    {
        foreach (var (_, file) in _symbols.Values) file.Dispose();
        _symbols.Clear();
    }

    private (CrossoverTracker Tracker, StreamWriter File) StateOf(Symbol symbol)
    {
        if (!_symbols.TryGetValue(symbol, out var state))
        {
            string path = Path.Combine(_directory, $"{symbol}-crossover.csv");
            bool isNew = !File.Exists(path) || new FileInfo(path).Length == 0;
            var file = new StreamWriter(path, append: true) { NewLine = "\n" };
            if (isNew) file.WriteLine(Header);
            state = (new CrossoverTracker(symbol, _options), file);
            _symbols.Add(symbol, state);
        }
        return state;
    }

    private void Write(StreamWriter file, CrossoverTracker t, long timeMs, string kind)
    {
        file.WriteLine(string.Join(',',
            timeMs.ToString(CultureInfo.InvariantCulture), Timestamps.ToIso(timeMs), kind, Number(t.MidPrice), Number(t.Sma), t.State.ToString().ToUpperInvariant(),
            t.LastCrossTimeMs?.ToString(CultureInfo.InvariantCulture) ?? "", Number(t.MicroPrice), Number(t.Imbalance), t.Pressure.ToString().ToUpperInvariant(),
            DecimalText.Format(t.QuotedSpread), Number(t.QuotedSpreadBps)));
        Rows++;
    }

    private void FlushEverySecond(long timeMs)
    {
        if (timeMs - _lastFlushMs < 1_000) return;
        _lastFlushMs = timeMs;
        foreach (var (_, file) in _symbols.Values) file.Flush();
    }

    private static string Number(double value) => double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "";
}
