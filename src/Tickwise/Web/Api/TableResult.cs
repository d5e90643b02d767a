using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tickwise.Export;

namespace Tickwise.Web.Api;

/// <summary>A list endpoint's response: rows of named columns as a JSON array of objects, or as CSV with a download name.</summary>
/// <remarks>
/// Rows are written through <see cref="TableWriter"/>, so numbers are the exact text of the fixed-point and decimal
/// values and NaN is JSON null or an empty CSV cell. The table is rendered into memory first (Kestrel forbids
/// synchronous writes to the response) and then copied; a handler builds the rows before returning, so every input
/// error is raised before the first byte is sent.
/// </remarks>
internal sealed class TableResult(bool csv, string fileName, IReadOnlyList<string> columns, Action<TableWriter> writeRows) : IResult
{
    /// <summary>Creates the result in the format the request asks for.</summary>
    public static TableResult For(HttpRequest request, string fileName, IReadOnlyList<string> columns, Action<TableWriter> writeRows) =>
        new(ResponseFormat.WantsCsv(request), fileName, columns, writeRows);

    /// <inheritdoc/>
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        using var buffer = new MemoryStream();
        using (var writer = new TableWriter(buffer, csv ? ExportFormat.Csv : ExportFormat.Json, columns)) writeRows(writer);
        HttpResponse response = httpContext.Response;
        if (csv)
        {
            response.ContentType = "text/csv; charset=utf-8";
            response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}.csv\"";
        }
        else response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(response.Body, httpContext.RequestAborted);
    }
}
