using System.Text.Json;

namespace Tickwise.Binance.Streams;

/// <summary>A JSON value seen while scanning a message, kept as its raw bytes until the message kind is known.</summary>
/// <remarks>
/// Binance reuses letters across event types with different JSON types (<c>"a"</c> is an aggregated trade id, an
/// ask price or an ask array), so a value is only checked once the kind says what it must be.
/// </remarks>
internal ref struct JsonField
{
    /// <summary>The raw value bytes (still escaped when <see cref="Escaped"/>); empty for containers.</summary>
    public ReadOnlySpan<byte> Value;

    /// <summary>The token type; <see cref="JsonTokenType.None"/> when the field was absent.</summary>
    public JsonTokenType Type;

    /// <summary>True when the string held escape sequences, which Binance never sends in numbers or names.</summary>
    public bool Escaped;

    public readonly bool IsPresent => Type != JsonTokenType.None;

    /// <summary>Records the reader's current value and steps over it when it is a container.</summary>
    public static JsonField Take(scoped ref Utf8JsonReader reader)
    {
        JsonTokenType type = reader.TokenType;
        if (type is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            reader.Skip();
            return new JsonField { Type = type };
        }
        return new JsonField { Type = type, Value = reader.ValueSpan, Escaped = reader.ValueIsEscaped };
    }
}
