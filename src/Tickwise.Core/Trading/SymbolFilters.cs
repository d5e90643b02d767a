using System.Globalization;
using System.Text.Json;
using Tickwise.Core.Market;

namespace Tickwise.Core.Trading;

/// <summary>The exchange's trading rules for one symbol, as Binance's <c>exchangeInfo</c> filters give them.</summary>
/// <remarks>
/// <para>PRICE_FILTER: a limit price lies in [<see cref="MinPrice"/>, <see cref="MaxPrice"/>] and is a multiple of
/// <see cref="TickSize"/>. LOT_SIZE: the quantity lies in [<see cref="MinQuantity"/>, <see cref="MaxQuantity"/>] and is a
/// multiple of <see cref="StepSize"/>. NOTIONAL (or the older MIN_NOTIONAL): price × quantity is at least
/// <see cref="MinNotional"/>, a market order being valued at the reference price given to <see cref="Validate"/>.</para>
/// <para>A zero in any field switches that check off, as Binance does for a zero max price or tick size.</para>
/// </remarks>
public sealed record SymbolFilters(Symbol Symbol, decimal TickSize = 0, decimal MinPrice = 0, decimal MaxPrice = 0,
    decimal StepSize = 0, decimal MinQuantity = 0, decimal MaxQuantity = 0, decimal MinNotional = 0)
{
    /// <summary>Returns why <paramref name="order"/> breaks these rules, in words a user understands, or null when it passes.</summary>
    /// <param name="order">The order to check.</param>
    /// <param name="referencePrice">The price a market order is valued at for the notional check (the latest price);
    /// a limit order is valued at its limit price.</param>
    public string? Validate(OrderRequest order, decimal referencePrice)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.FindProblem() is { } problem) return problem;
        if (order.Symbol != Symbol) return $"the order is for {order.Symbol}, these filters for {Symbol}";
        decimal quantity = order.Quantity.ToDecimal();
        if (MinQuantity > 0 && quantity < MinQuantity) return $"quantity {N(quantity)} is below the minimum {N(MinQuantity)} (LOT_SIZE)";
        if (MaxQuantity > 0 && quantity > MaxQuantity) return $"quantity {N(quantity)} is above the maximum {N(MaxQuantity)} (LOT_SIZE)";
        if (StepSize > 0 && quantity % StepSize != 0) return $"quantity {N(quantity)} is not a multiple of the step size {N(StepSize)} (LOT_SIZE)";
        decimal price = referencePrice;
        if (order.Type == OrderType.Limit)
        {
            price = order.LimitPrice!.Value.ToDecimal();
            if (MinPrice > 0 && price < MinPrice) return $"price {N(price)} is below the minimum {N(MinPrice)} (PRICE_FILTER)";
            if (MaxPrice > 0 && price > MaxPrice) return $"price {N(price)} is above the maximum {N(MaxPrice)} (PRICE_FILTER)";
            if (TickSize > 0 && price % TickSize != 0) return $"price {N(price)} is not a multiple of the tick size {N(TickSize)} (PRICE_FILTER)";
        }
        if (MinNotional > 0 && price > 0 && quantity * price < MinNotional)
            return $"notional {N(Math.Round(quantity * price, 8))} is below the minimum {N(MinNotional)} (NOTIONAL)";
        return null;
    }

    /// <summary>Returns <paramref name="quantity"/> rounded down to a multiple of <see cref="StepSize"/> (unchanged when the step is zero).</summary>
    public decimal RoundQuantity(decimal quantity) => StepSize > 0 ? Math.Floor(quantity / StepSize) * StepSize : quantity;

    /// <summary>Reads the filters of one element of <c>exchangeInfo</c>'s <c>symbols</c> array.</summary>
    /// <exception cref="FormatException">The element has no symbol, or a filter value is not a decimal string.</exception>
    public static SymbolFilters FromExchangeInfo(JsonElement symbolInfo)
    {
        if (symbolInfo.ValueKind != JsonValueKind.Object || !symbolInfo.TryGetProperty("symbol", out JsonElement name)
            || name.ValueKind != JsonValueKind.String || !Symbol.TryParse(name.GetString().AsSpan(), out Symbol symbol))
            throw new FormatException("An exchangeInfo symbol needs a \"symbol\" name.");
        var filters = new SymbolFilters(symbol);
        if (!symbolInfo.TryGetProperty("filters", out JsonElement list) || list.ValueKind != JsonValueKind.Array) return filters;
        foreach (JsonElement filter in list.EnumerateArray())
        {
            if (filter.ValueKind != JsonValueKind.Object || !filter.TryGetProperty("filterType", out JsonElement type)) continue;
            switch (type.GetString())
            {
                case "PRICE_FILTER":
                    filters = filters with { MinPrice = Read(filter, "minPrice"), MaxPrice = Read(filter, "maxPrice"), TickSize = Read(filter, "tickSize") };
                    break;
                case "LOT_SIZE":
                    filters = filters with { MinQuantity = Read(filter, "minQty"), MaxQuantity = Read(filter, "maxQty"), StepSize = Read(filter, "stepSize") };
                    break;
                case "NOTIONAL":
                case "MIN_NOTIONAL":
                    filters = filters with { MinNotional = Read(filter, "minNotional") };
                    break;
            }
        }
        return filters;
    }

    /// <summary>Formats without trailing zeros, invariant, for messages.</summary>
    private static string N(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    private static decimal Read(JsonElement filter, string property)
    {
        if (!filter.TryGetProperty(property, out JsonElement value)) return 0;
        string? text = value.ValueKind == JsonValueKind.String ? value.GetString() : value.ValueKind == JsonValueKind.Number ? value.GetRawText() : null;
        if (text is null || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal parsed))
            throw new FormatException($"exchangeInfo filter field {property} is not a non-negative decimal: {value.GetRawText()}");
        return parsed;
    }
}
