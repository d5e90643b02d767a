using System.Text;
using System.Text.Json;
using Tickwise.Binance.Client;
using Tickwise.Core.Market;

namespace Tickwise.Sources;

/// <summary>
/// A REST answer in a recording: wrapped like a combined-stream frame, <c>{"stream":"btcusdt@depthSnapshot","data":{...}}</c>,
/// whose stream name carries the symbol the answer does not name and what the answer is.
/// </summary>
/// <remarks>
/// <para>Stream names: <c>SYMBOL@depthSnapshot</c> (a <c>/depth</c> answer), <c>SYMBOL@aggTradeRepair</c> (a page of
/// <c>/aggTrades</c>), <c>SYMBOL@tradeRepair</c> (a page of <c>/historicalTrades</c>); the symbol in lower case as in
/// Binance's stream names. No Binance stream has these names, so a reader that does not know them skips the line as a
/// frame it cannot parse, and a frame from the exchange is never taken for one.</para>
/// <para>An un-wrapped snapshot line (the layout of <c>../shared/data/binance/ws</c>) is still read by the replay,
/// which gives it the symbol of the file.</para>
/// </remarks>
internal static class RecordedRestLine
{
    private static ReadOnlySpan<byte> Prefix => "{\"stream\":\""u8;

    /// <summary>Returns the recording line of one REST answer.</summary>
    public static byte[] Wrap(Symbol symbol, RestAnswerKind kind, ReadOnlySpan<byte> body)
    {
        string head = $"{{\"stream\":\"{symbol.Value.ToLowerInvariant()}@{Suffix(kind)}\",\"data\":";
        byte[] line = new byte[head.Length + body.Length + 1];
        int written = Encoding.ASCII.GetBytes(head, line);
        body.CopyTo(line.AsSpan(written));
        line[^1] = (byte)'}';
        return line;
    }

    /// <summary>Recognises a wrapped REST answer; returns its symbol, its kind and where its data is in
    /// <paramref name="payload"/>. Returns false (quickly) for any other frame. Never throws.</summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out Symbol symbol, out RestAnswerKind kind, out Range data)
    {
        symbol = default;
        kind = default;
        data = default;
        if (!payload.StartsWith(Prefix)) return false;
        ReadOnlySpan<byte> rest = payload[Prefix.Length..];
        int quote = rest.IndexOf((byte)'"');
        if (quote <= 0) return false;
        ReadOnlySpan<byte> stream = rest[..quote];
        int at = stream.IndexOf((byte)'@');
        if (at <= 0 || at > Symbol.MaxLength) return false;
        ReadOnlySpan<byte> suffix = stream[(at + 1)..];
        if (suffix.SequenceEqual("depthSnapshot"u8)) kind = RestAnswerKind.DepthSnapshot;
        else if (suffix.SequenceEqual("aggTradeRepair"u8)) kind = RestAnswerKind.AggTrades;
        else if (suffix.SequenceEqual("tradeRepair"u8)) kind = RestAnswerKind.HistoricalTrades;
        else return false;
        if (!Symbol.TryParse(stream[..at], out symbol)) return false; // upper-cases, as the exchange names symbols
        return TryFindData(payload, out data);
    }

    private static bool TryFindData(ReadOnlySpan<byte> payload, out Range data)
    {
        data = default;
        try
        {
            var reader = new Utf8JsonReader(payload, isFinalBlock: true, state: default);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isData = reader.ValueTextEquals("data"u8);
                if (!reader.Read()) return false;
                if (!isData)
                {
                    reader.Skip();
                    continue;
                }
                int start = (int)reader.TokenStartIndex;
                reader.Skip();
                data = start..(int)reader.BytesConsumed;
                return true;
            }
            return false;
        }
        catch (JsonException)
        {
            return false; // a cut or corrupt line: not a REST answer the replay can use
        }
    }

    private static string Suffix(RestAnswerKind kind) => kind switch
    {
        RestAnswerKind.DepthSnapshot => "depthSnapshot",
        RestAnswerKind.AggTrades => "aggTradeRepair",
        RestAnswerKind.HistoricalTrades => "tradeRepair",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a REST answer kind."),
    };
}
