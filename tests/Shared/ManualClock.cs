namespace Tickwise.Testing;

/// <summary>A clock the test moves by hand: Unix ms and the timestamp advance together.</summary>
/// <remarks>Linked into the test projects that need it (see their csproj files).</remarks>
internal sealed class ManualClock(long startUnixMs) : TimeProvider
{
    private long _elapsedTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _elapsedTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(startUnixMs).AddTicks(Interlocked.Read(ref _elapsedTicks));

    public override long GetTimestamp() => Interlocked.Read(ref _elapsedTicks);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;
}
