namespace Tickwise.Health;

/// <summary>Messages per second of several counters over the last few seconds, computed when asked: the receive path
/// only increments its counters, and this keeps a few samples of them taken at report time.</summary>
/// <remarks>
/// A sample is kept at most every <see cref="SampleEvery"/>; the rate is taken against the oldest sample not older than
/// <see cref="Window"/> (and at least <see cref="SampleEvery"/> old when there is one), so frequent reports (an API
/// polled ten times a second) neither flood the samples nor make the rate jumpy. Thread-safe; O(samples) per report.
/// </remarks>
internal sealed class MessageRate
{
    /// <summary>The span the rate is measured over, at most.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    /// <summary>The closest two kept samples may be.</summary>
    public static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time;
    private readonly List<(long Timestamp, long[] Counts)> _samples = [];
    private readonly int _width;

    /// <summary>Creates a rate over <paramref name="width"/> counters, whose first sample is <paramref name="initial"/> taken now.</summary>
    /// <exception cref="ArgumentException"><paramref name="initial"/> does not have <paramref name="width"/> counters.</exception>
    public MessageRate(TimeProvider time, int width, long[] initial)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(initial);
        if (initial.Length != width) throw new ArgumentException($"{initial.Length} counters given, {width} expected.", nameof(initial));
        _time = time;
        _width = width;
        _samples.Add((time.GetTimestamp(), (long[])initial.Clone()));
    }

    /// <summary>Writes the per-second rate of each counter into <paramref name="rates"/>, given their values now.</summary>
    /// <exception cref="ArgumentException">A span does not have the counters' width.</exception>
    public void Compute(ReadOnlySpan<long> counts, Span<double> rates)
    {
        if (counts.Length != _width || rates.Length != _width) throw new ArgumentException($"Spans of {_width} counters expected.", nameof(counts));
        lock (_samples)
        {
            long now = _time.GetTimestamp();
            // Drop samples past the window while a younger one (still at least SampleEvery old) can take their place.
            while (_samples.Count > 1)
            {
                if (_time.GetElapsedTime(_samples[0].Timestamp, now) > Window && _time.GetElapsedTime(_samples[1].Timestamp, now) >= SampleEvery) _samples.RemoveAt(0);
                else break;
            }
            var (oldestAt, oldest) = _samples[0];
            double seconds = _time.GetElapsedTime(oldestAt, now).TotalSeconds;
            for (int i = 0; i < _width; i++) rates[i] = seconds > 0 ? Math.Max(0, counts[i] - oldest[i]) / seconds : 0;
            if (_time.GetElapsedTime(_samples[^1].Timestamp, now) >= SampleEvery) _samples.Add((now, counts.ToArray()));
        }
    }
}
