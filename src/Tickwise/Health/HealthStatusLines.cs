using System.Globalization;
using System.Text;

namespace Tickwise.Health;

/// <summary>Turns a <see cref="HealthReport"/> into the status lines <c>tickwise run</c> prints, one per symbol.</summary>
internal static class HealthStatusLines
{
    /// <summary>Returns one line per symbol: connection, last message age, messages/s, gaps repaired, trades lost
    /// (when <paramref name="tradesLost"/> gives any), book state (when a book is kept), parse errors.</summary>
    /// <param name="report">The report.</param>
    /// <param name="tradesLost">Trades known missing per symbol, in the report's order; null when not known.</param>
    /// <param name="neverConnected">True while no connection has opened yet (says the exchange is unreachable so far).</param>
    public static IReadOnlyList<string> Format(HealthReport report, IReadOnlyList<long>? tradesLost = null, bool neverConnected = false)
    {
        ArgumentNullException.ThrowIfNull(report);
        var lines = new List<string>(report.Symbols.Count);
        for (int i = 0; i < report.Symbols.Count; i++)
        {
            SymbolHealth s = report.Symbols[i];
            string connection = s.Connected ? "connected" : neverConnected ? "NOT CONNECTED (exchange unreachable so far)" : "DISCONNECTED (reconnecting)";
            string age = s.LastMessageAgeMs is { } ms ? string.Create(CultureInfo.InvariantCulture, $"last message {ms / 1000.0:0.0} s ago") : "no message yet";
            var line = new StringBuilder();
            line.Append(CultureInfo.InvariantCulture, $"{s.Symbol}: {connection}, {age}, {s.MessagesPerSecond:0.#} msg/s, {s.GapsRepaired} gaps repaired ({s.TradesRepaired} trades)");
            if (tradesLost is not null && tradesLost[i] > 0) line.Append(CultureInfo.InvariantCulture, $", {tradesLost[i]} trades LOST");
            if (s.BookSynchronized is { } synchronized) line.Append(synchronized ? ", book in sync" : ", book OUT OF SYNC (loading a snapshot)");
            if (s.Dropped > 0) line.Append(CultureInfo.InvariantCulture, $", {s.Dropped} DROPPED");
            line.Append(CultureInfo.InvariantCulture, $", {s.ParseErrors} parse errors");
            lines.Add(line.ToString());
        }
        return lines;
    }
}
