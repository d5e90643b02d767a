namespace Tickwise.Binance.Client;

/// <summary>Whether a connection is live, that is delivering trades with none missing before them, and how many
/// times it stopped being live.</summary>
/// <remarks>
/// <para>Not live: before the first connection, while disconnected, while catching up after a reconnect, and while
/// filling a gap. The trades still to come then are older than what other connections, or other symbols' finished
/// backfills, have delivered, so a consumer that closes bars on the clock (the newest trade time less a grace) must not
/// advance it until every connection is live again: the late trades would find their bars closed.</para>
/// <para>How to read it: take <see cref="IsLive"/> then <see cref="Interruptions"/> before draining what was
/// delivered, and again after; when both were live and the count did not change, every trade of a catch-up that ended
/// before the first read was delivered before that read, and no new one began before the second.</para>
/// </remarks>
public sealed class LiveState
{
    private int _live;
    private long _interruptions;

    /// <summary>Whether the connection is live now.</summary>
    public bool IsLive => Volatile.Read(ref _live) == 1;

    /// <summary>How many times the connection stopped being live.</summary>
    public long Interruptions => Interlocked.Read(ref _interruptions);

    /// <summary>Marks the connection live: everything missed has been delivered, live trades follow.</summary>
    internal void MarkLive() => Volatile.Write(ref _live, 1);

    /// <summary>Marks the connection not live (counted once per interruption).</summary>
    internal void MarkInterrupted()
    {
        // Cleared before counted: a reader that still sees it live has not missed an interruption that began earlier.
        if (Interlocked.Exchange(ref _live, 0) == 1) Interlocked.Increment(ref _interruptions);
    }
}
