namespace Tickwise.Web.Live;

/// <summary>One server-to-client frame of the live feed, serialized once and shared by every subscriber.</summary>
/// <param name="Utf8">The JSON text <c>{"channel","type","data"}</c>.</param>
/// <param name="Droppable">True for messages a newer one supersedes (bar_update, trade, quote): a slow client loses these
/// first. Closed bars, pair updates, alerts, signals, orders, health and replies are never thinned.</param>
/// <param name="CreatedTicks">When it was made (<see cref="System.Diagnostics.Stopwatch"/> ticks), for latency measurements.</param>
internal readonly record struct FeedMessage(byte[] Utf8, bool Droppable, long CreatedTicks);
