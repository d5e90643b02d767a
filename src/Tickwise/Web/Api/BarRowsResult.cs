using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tickwise.Core.Market;

namespace Tickwise.Web.Api;

/// <summary><c>/api/bars</c>'s response: the bars as a JSON array of rows or as CSV, streamed to the response in chunks.</summary>
/// <remarks>
/// <para>The chart asks for 10,000 bars (1.7 MB of JSON). Rendering that into one buffer first cost a copy, a
/// large-object allocation per request and the whole render before the first byte left; here rows go straight into the
/// response's <see cref="PipeWriter"/>, which is flushed after every chunk of <see cref="BarStream.ChunkRows"/> rows so
/// the client receives while the server still writes, and the store reads the next chunks meanwhile (see
/// <see cref="BarStream"/>). Nothing is allocated per row or per value.</para>
/// <para>The first chunk was read before the result was returned, so input errors and a failing store are still
/// raised before the first byte is sent; a store failure later cuts the response short (Kestrel aborts it). The
/// result owns <paramref name="bars"/> and disposes it when done.</para>
/// </remarks>
/// <param name="csv">Whether to write CSV (with a download name) instead of JSON.</param>
/// <param name="fileName">The CSV download's name, without extension.</param>
/// <param name="bars">The rows, oldest first; disposed by <see cref="ExecuteAsync"/>.</param>
internal sealed class BarRowsResult(bool csv, string fileName, BarStream bars) : IResult
{
    private static readonly byte[] CsvHeader = "open_time,open,high,low,close,volume,quote_volume,taker_buy_volume,trades\n"u8.ToArray();

    /// <inheritdoc/>
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        await using BarStream rows = bars;
        HttpResponse response = httpContext.Response;
        PipeWriter body = response.BodyWriter;
        CancellationToken aborted = httpContext.RequestAborted;
        if (csv)
        {
            response.ContentType = "text/csv; charset=utf-8";
            response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}.csv\"";
            body.Write(CsvHeader);
            while (await rows.NextAsync(aborted))
            {
                WriteCsvRows(body, rows.Current);
                if ((await body.FlushAsync(aborted)).IsCanceled) return;
            }
            return;
        }
        response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(body, new JsonWriterOptions { SkipValidation = true });
        writer.WriteStartArray();
        while (await rows.NextAsync(aborted))
        {
            WriteJsonRows(writer, rows.Current);
            // Commits the writer's bytes to the pipe, then sends them.
            writer.Flush();
            if ((await body.FlushAsync(aborted)).IsCanceled) return;
        }
        writer.WriteEndArray();
        writer.Flush();
    }

    /// <summary>Writes bars as JSON row objects (the contract's bar row).</summary>
    /// <remarks>Each row is formatted into one span and handed to the writer as one raw value (the writer still places
    /// the commas): the same bytes as nine property writes, at a fraction of the calls.</remarks>
    public static void WriteJsonRows(Utf8JsonWriter writer, ReadOnlySpan<Bar> bars)
    {
        // A row is 9 names (under 130 bytes together) and 9 numbers of under 40 characters each.
        Span<byte> row = stackalloc byte[512];
        foreach (ref readonly Bar bar in bars)
        {
            int at = Append(row, 0, "{\"open_time\":"u8);
            at += Number(row[at..], bar.OpenTimeMs);
            at = Append(row, at, ",\"open\":"u8);
            at += FixedPoint(row[at..], bar.Open.Raw);
            at = Append(row, at, ",\"high\":"u8);
            at += FixedPoint(row[at..], bar.High.Raw);
            at = Append(row, at, ",\"low\":"u8);
            at += FixedPoint(row[at..], bar.Low.Raw);
            at = Append(row, at, ",\"close\":"u8);
            at += FixedPoint(row[at..], bar.Close.Raw);
            at = Append(row, at, ",\"volume\":"u8);
            at += JsonValues.FormatDecimal(row[at..], bar.Volume);
            at = Append(row, at, ",\"quote_volume\":"u8);
            at += JsonValues.FormatDecimal(row[at..], bar.QuoteVolume);
            at = Append(row, at, ",\"taker_buy_volume\":"u8);
            at += JsonValues.FormatDecimal(row[at..], bar.TakerBuyVolume);
            at = Append(row, at, ",\"trades\":"u8);
            at += Number(row[at..], bar.TradeCount);
            row[at++] = (byte)'}';
            writer.WriteRawValue(row[..at], skipInputValidation: true);
        }
    }

    private static int Append(Span<byte> destination, int at, ReadOnlySpan<byte> text)
    {
        text.CopyTo(destination[at..]);
        return at + text.Length;
    }

    /// <summary>Writes bars as CSV lines in <see cref="SeriesEndpoints.BarColumns"/> order: numbers only, so no cell needs quoting.</summary>
    public static void WriteCsvRows(IBufferWriter<byte> output, ReadOnlySpan<Bar> bars)
    {
        foreach (ref readonly Bar bar in bars)
        {
            // A row is at most 9 numbers of under 40 characters each.
            Span<byte> line = output.GetSpan(512);
            int at = 0;
            at += Number(line[at..], bar.OpenTimeMs);
            line[at++] = (byte)',';
            at += FixedPoint(line[at..], bar.Open.Raw);
            line[at++] = (byte)',';
            at += FixedPoint(line[at..], bar.High.Raw);
            line[at++] = (byte)',';
            at += FixedPoint(line[at..], bar.Low.Raw);
            line[at++] = (byte)',';
            at += FixedPoint(line[at..], bar.Close.Raw);
            line[at++] = (byte)',';
            at += JsonValues.FormatDecimal(line[at..], bar.Volume);
            line[at++] = (byte)',';
            at += JsonValues.FormatDecimal(line[at..], bar.QuoteVolume);
            line[at++] = (byte)',';
            at += JsonValues.FormatDecimal(line[at..], bar.TakerBuyVolume);
            line[at++] = (byte)',';
            at += Number(line[at..], bar.TradeCount);
            line[at++] = (byte)'\n';
            output.Advance(at);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Number(Span<byte> destination, long value)
    {
        if (!System.Buffers.Text.Utf8Formatter.TryFormat(value, destination, out int written)) throw new InvalidOperationException($"Cannot format {value}.");
        return written;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FixedPoint(Span<byte> destination, long raw)
    {
        if (!Core.Market.FixedPoint.TryFormat(raw, destination, out int written)) throw new InvalidOperationException($"Cannot format fixed-point value {raw}.");
        return written;
    }
}
