using Tickwise.Core.Market;

namespace Tickwise.Binance.Streams;

/// <summary>
/// Remembers, per thread, the last few symbols parsed from UTF-8, so a feed that repeats one symbol skips
/// <see cref="Symbol.TryParse(ReadOnlySpan{byte}, out Symbol)"/>'s upper-casing and dictionary lookup.
/// </summary>
/// <remarks>Eight direct-mapped slots hold the raw bytes as sent (lower or upper case); a slot miss costs one
/// parse and one copy into the slot's fixed buffer, never an allocation after the thread's first use.</remarks>
internal static class SymbolCache
{
    private const int Slots = 8;

    [ThreadStatic] private static byte[]? t_bytes;
    [ThreadStatic] private static Symbol[]? t_symbols;

    public static bool TryParse(ReadOnlySpan<byte> utf8, out Symbol symbol)
    {
        if (utf8.Length is 0 or > Symbol.MaxLength) return Symbol.TryParse(utf8, out symbol);
        byte[] bytes = t_bytes ??= new byte[Slots * (Symbol.MaxLength + 1)];
        Symbol[] symbols = t_symbols ??= new Symbol[Slots];
        int slot = (utf8.Length + utf8[0] + 3 * utf8[^1] + 5 * utf8[utf8.Length >> 1]) & (Slots - 1);
        Span<byte> entry = bytes.AsSpan(slot * (Symbol.MaxLength + 1), Symbol.MaxLength + 1);
        // entry[0] is the cached name's length (0 = empty slot), entry[1..] its bytes.
        if (entry[0] == utf8.Length && entry.Slice(1, utf8.Length).SequenceEqual(utf8))
        {
            symbol = symbols[slot];
            return true;
        }
        if (!Symbol.TryParse(utf8, out symbol)) return false;
        entry[0] = (byte)utf8.Length;
        utf8.CopyTo(entry[1..]);
        symbols[slot] = symbol;
        return true;
    }
}
