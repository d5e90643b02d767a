using Tickwise.Binance.Files;
using Tickwise.Core.Market;
using Tickwise.Storage;

namespace Tickwise.Ingest;

/// <summary>Keeps one trade id sequence per symbol in a store: raw trade ids or aggregated trade ids, never both.</summary>
/// <remarks>
/// Binance numbers raw trades and aggregated trades separately, so the same id means different trades in the two
/// sequences, and the same market activity would be counted twice in the bars. The first import of a symbol claims
/// its sequence in the store's metadata; importing the other kind later is refused with a plain explanation.
/// </remarks>
internal static class TradeIdSpace
{
    /// <summary>Records that <paramref name="symbol"/> holds trades of <paramref name="kind"/>, or throws when it holds the other kind.</summary>
    /// <exception cref="InvalidOperationException">The symbol already holds the other kind of trades.</exception>
    public static void Claim(ITickStore store, Symbol symbol, DumpKind kind)
    {
        string wanted = Name(kind);
        string key = $"trade_ids:{symbol}";
        string? held = store.GetMetadata(key);
        if (held is null)
        {
            store.SetMetadata(key, wanted);
            return;
        }
        if (held != wanted)
            throw new ImportException($"{symbol} already holds {held} in this database; adding {wanted} would count the same market activity twice. Use another --db for {wanted}.");
    }

    /// <summary>Claims the id sequence of a live or simulated source, which emits raw trades unless told otherwise.</summary>
    public static void Claim(ITickStore store, Symbol symbol, bool aggregated) => Claim(store, symbol, aggregated ? DumpKind.AggTrades : DumpKind.Trades);

    private static string Name(DumpKind kind) => kind == DumpKind.AggTrades ? "aggTrades" : "trades";
}

/// <summary>An import cannot go ahead; the message says why and what to do.</summary>
internal sealed class ImportException(string message) : Exception(message);
