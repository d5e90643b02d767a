using Tickwise.Core.Market;

namespace Tickwise.Binance.Client;

/// <summary>Receives every REST answer a <see cref="BinanceRestClient"/> parsed successfully, as received: the
/// depth snapshots and trade pages a stream client used (a recorder writes them next to the frames).</summary>
/// <param name="receivedUnixNs">Local receive time, Unix epoch nanoseconds.</param>
/// <param name="symbol">The symbol asked for (the answers do not name it).</param>
/// <param name="kind">Which call answered.</param>
/// <param name="body">The answer's UTF-8 JSON; valid only during the call.</param>
/// <remarks>Called on the caller's thread (a connection's receive loop) before the answer is used: keep it quick, and
/// do not throw.</remarks>
public delegate void RestAnswerObserver(long receivedUnixNs, Symbol symbol, RestAnswerKind kind, ReadOnlySpan<byte> body);
