namespace Tickwise.Binance.Client;

/// <summary>Receives every text frame a stream client reads, with its receive time, once the client has handled it (so after
/// the REST answers the frame caused).</summary>
/// <param name="receivedUnixNs">Local receive time, Unix epoch nanoseconds (the recording layout's first field).</param>
/// <param name="payload">The frame's UTF-8 bytes; valid only during the call.</param>
/// <remarks>Called on the connection's receive loop: keep it quick, and do not throw.</remarks>
public delegate void FrameObserver(long receivedUnixNs, ReadOnlySpan<byte> payload);
