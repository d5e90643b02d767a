namespace Tickwise.Binance.Client;

/// <summary>Receives every text frame a stream client reads, as received, before it is parsed.</summary>
/// <param name="receivedUnixNs">Local receive time, Unix epoch nanoseconds (the recording layout's first field).</param>
/// <param name="payload">The frame's UTF-8 bytes; valid only during the call.</param>
/// <remarks>Called on the connection's receive loop: keep it quick, and do not throw.</remarks>
public delegate void FrameObserver(long receivedUnixNs, ReadOnlySpan<byte> payload);
