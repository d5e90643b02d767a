namespace Tickwise.Web.Live;

/// <summary>What a live feed channel carries.</summary>
internal enum FeedChannelKind
{
    /// <summary><c>bars:SYMBOL:INTERVAL</c>: bar_update (in progress, throttled) and bar_closed.</summary>
    Bars,
    /// <summary><c>trades:SYMBOL</c>: every trade.</summary>
    Trades,
    /// <summary><c>quotes:SYMBOL</c>: every best bid/ask change.</summary>
    Quotes,
    /// <summary><c>pair:A:B:INTERVAL</c>: the pair's statistics at every bar both legs close.</summary>
    Pair,
    /// <summary><c>alerts</c>, <c>signals</c>, <c>orders</c>: published by other components through <see cref="LiveFeedHub.Publish"/>.</summary>
    Published,
    /// <summary><c>health</c>: the health report every second or so.</summary>
    Health,
}
