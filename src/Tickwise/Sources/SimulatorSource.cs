using System.Diagnostics;
using System.Threading.Channels;
using Tickwise.Core.Market;
using Tickwise.Core.Simulation;

namespace Tickwise.Sources;

/// <summary>Plays a <see cref="MarketSimulator"/> in real time (or faster) into a channel, as a live feed would arrive.</summary>
/// <remarks>
/// Simulated time starts at the simulator's start time and runs <c>speed</c> times faster than the wall clock;
/// <see cref="double.PositiveInfinity"/> plays it as fast as the consumer takes it. The channel is bounded and the
/// source waits when it is full, so a slow store slows the simulation rather than losing events.
/// </remarks>
internal sealed class SimulatorSource(MarketSimulator simulator, double speed)
{
    /// <summary>Writes events into <paramref name="writer"/> until cancelled, then completes it.</summary>
    public async Task RunAsync(ChannelWriter<MarketEvent> writer, CancellationToken cancellationToken)
    {
        var wall = Stopwatch.StartNew();
        long startMs = simulator.Options.StartTimeMs;
        try
        {
            while (!cancellationToken.IsCancellationRequested && simulator.TryNext(out MarketEvent e))
            {
                if (!double.IsPositiveInfinity(speed))
                {
                    double dueMs = (e.TimestampMs - startMs) / speed;
                    double waitMs = dueMs - wall.Elapsed.TotalMilliseconds;
                    if (waitMs >= 1) await Task.Delay(TimeSpan.FromMilliseconds(waitMs), cancellationToken);
                }
                await writer.WriteAsync(e, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is the normal end of a live source.
        }
        finally
        {
            writer.TryComplete();
        }
    }

    /// <summary>Parses <c>1</c>, <c>10</c>, <c>0.5</c> or <c>max</c>.</summary>
    public static bool TryParseSpeed(string text, out double speed)
    {
        if (string.Equals(text, "max", StringComparison.OrdinalIgnoreCase)) { speed = double.PositiveInfinity; return true; }
        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out speed) && speed > 0 && double.IsFinite(speed);
    }
}
