using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tickwise.Core.Market;

namespace Tickwise.Web.Api;

/// <summary>Writes the contract's number conventions: exact prices and decimals, doubles with NaN and infinities as null.</summary>
internal static class JsonValues
{
    /// <summary>Writes a statistic, or null when it is not finite.</summary>
    public static void Double(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value)) writer.WriteNumber(name, value);
        else writer.WriteNull(name);
    }

    /// <summary>Writes a statistic as an array element, or null when it is not finite.</summary>
    public static void DoubleValue(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteNullValue();
    }

    /// <summary>Writes a price as its exact decimal text.</summary>
    public static void Price(Utf8JsonWriter writer, string name, Price value)
    {
        writer.WritePropertyName(name);
        writer.WriteRawValue(value.ToString(), skipInputValidation: true);
    }

    /// <summary>Writes a quantity as its exact decimal text.</summary>
    public static void Quantity(Utf8JsonWriter writer, string name, Quantity value)
    {
        writer.WritePropertyName(name);
        writer.WriteRawValue(value.ToString(), skipInputValidation: true);
    }

    /// <summary>Writes a decimal (a volume) as its shortest exact text.</summary>
    public static void Decimal(Utf8JsonWriter writer, string name, decimal value)
    {
        writer.WritePropertyName(name);
        writer.WriteRawValue(DecimalText.Format(value), skipInputValidation: true);
    }

    /// <summary>Writes a fixed-point price or quantity (raw units of 1e-8) as its exact text, without allocating.</summary>
    public static void FixedPoint(Utf8JsonWriter writer, ReadOnlySpan<byte> name, long raw)
    {
        Span<byte> text = stackalloc byte[32];
        if (!Core.Market.FixedPoint.TryFormat(raw, text, out int written)) throw new InvalidOperationException($"Cannot format fixed-point value {raw}.");
        writer.WritePropertyName(name);
        writer.WriteRawValue(text[..written], skipInputValidation: true);
    }

    /// <summary>Writes a decimal as its shortest exact text (as <see cref="DecimalText.Format"/>), without allocating.</summary>
    public static void Decimal(Utf8JsonWriter writer, ReadOnlySpan<byte> name, decimal value)
    {
        Span<byte> text = stackalloc byte[64];
        int written = FormatDecimal(text, value);
        writer.WritePropertyName(name);
        writer.WriteRawValue(text[..written], skipInputValidation: true);
    }

    /// <summary>Formats a decimal as its shortest exact text (as <see cref="DecimalText.Format"/>) and returns the bytes
    /// written; <paramref name="destination"/> needs room for <see cref="DecimalText.MaxUtf8Length"/>.</summary>
    public static int FormatDecimal(Span<byte> destination, decimal value) =>
        DecimalText.TryFormat(value, destination, out int written) ? written : throw new InvalidOperationException($"Cannot format {value}.");

    /// <summary>Returns the contract's side name of a trade's aggressor.</summary>
    public static string Side(AggressorSide side) => side switch
    {
        AggressorSide.Buyer => "buy",
        AggressorSide.Seller => "sell",
        _ => "none",
    };
}
