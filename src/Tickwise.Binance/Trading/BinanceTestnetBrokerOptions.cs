namespace Tickwise.Binance.Trading;

/// <summary>Settings of a <see cref="BinanceTestnetBroker"/>.</summary>
public sealed record BinanceTestnetBrokerOptions
{
    /// <summary>How often the status of resting (limit) orders is read back from the exchange, 100 ms to 10 minutes.</summary>
    /// <remarks>Each poll costs one <c>openOrders</c> request per symbol with resting orders, plus one order query per
    /// order that left the open list; two seconds keeps a handful of resting orders far below Binance's request weight
    /// limit while a fill still shows within seconds.</remarks>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How many requests may wait to be sent; an order placed beyond that is rejected, not queued without bound.</summary>
    public int MaxQueuedRequests { get; init; } = 1024;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    public void Validate()
    {
        if (PollInterval < TimeSpan.FromMilliseconds(100) || PollInterval > TimeSpan.FromMinutes(10))
            throw new ArgumentException($"PollInterval is {PollInterval}: give 100 ms to 10 minutes.", nameof(PollInterval));
        if (MaxQueuedRequests < 1) throw new ArgumentException($"MaxQueuedRequests is {MaxQueuedRequests}, below 1.", nameof(MaxQueuedRequests));
    }
}
