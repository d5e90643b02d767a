using System.Buffers;
using System.Text;
using System.Text.Json;
using Tickwise.Core.Market;
using Tickwise.Web.Api;

namespace Tickwise.Tests.Web.Api;

public class BarRowsResultTests
{
    private static readonly Symbol Btc = new("BTCUSDT");

    [Fact]
    public void WriteJsonRows_EdgeValues_EqualsThePropertyByPropertyWriterByteForByte()
    {
        Bar[] bars =
        [
            new(Btc, Interval.OneSecond, 1_723_161_600_000, new Price(1), new Price(1), new Price(1), new Price(1), 0m, 0m, 0, 0m, 0m),
            new(Btc, Interval.OneMinute, 1_723_161_600_000, Price.Parse("61837.63"), Price.Parse("61900.12345678"), Price.Parse("61800.00000001"),
                Price.Parse("61850.5"), 12.34567891m, 763_212.1234567812345678m, int.MaxValue, 1.50m, 92_000.0000000000000001m),
            new(Btc, Interval.OneHour, 1_723_158_000_000, new Price(long.MaxValue), new Price(long.MaxValue), new Price(long.MaxValue), new Price(long.MaxValue),
                79228162514264337593543950335m, 7.9228162514264337593543950335m, 0, 0.0000000000000000000000000001m, 0m),
        ];
        string expected = Render(bars, Reference);

        string sut = Render(bars, BarRowsResult.WriteJsonRows);

        sut.ShouldBe(expected);
        JsonDocument.Parse(sut).RootElement.GetArrayLength().ShouldBe(3);
    }

    private delegate void RowWriter(Utf8JsonWriter writer, ReadOnlySpan<Bar> bars);

    private static string Render(Bar[] bars, RowWriter write)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true }))
        {
            writer.WriteStartArray();
            write(writer, bars.AsSpan(0, 1));
            write(writer, bars.AsSpan(1));
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    /// <summary>The contract's bar row, one property at a time (how the rows were written before).</summary>
    private static void Reference(Utf8JsonWriter writer, ReadOnlySpan<Bar> bars)
    {
        foreach (Bar bar in bars)
        {
            writer.WriteStartObject();
            writer.WriteNumber("open_time"u8, bar.OpenTimeMs);
            JsonValues.FixedPoint(writer, "open"u8, bar.Open.Raw);
            JsonValues.FixedPoint(writer, "high"u8, bar.High.Raw);
            JsonValues.FixedPoint(writer, "low"u8, bar.Low.Raw);
            JsonValues.FixedPoint(writer, "close"u8, bar.Close.Raw);
            JsonValues.Decimal(writer, "volume"u8, bar.Volume);
            JsonValues.Decimal(writer, "quote_volume"u8, bar.QuoteVolume);
            JsonValues.Decimal(writer, "taker_buy_volume"u8, bar.TakerBuyVolume);
            writer.WriteNumber("trades"u8, bar.TradeCount);
            writer.WriteEndObject();
        }
    }
}
