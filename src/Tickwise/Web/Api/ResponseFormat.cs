using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Tickwise.Web.Api;

/// <summary>Chooses JSON or CSV for a list endpoint: <c>?format=csv|json</c> first, then the <c>Accept</c> header.</summary>
internal static class ResponseFormat
{
    /// <summary>Returns true when the client asked for CSV.</summary>
    /// <exception cref="ApiException">400: <c>format</c> is neither csv nor json.</exception>
    public static bool WantsCsv(HttpRequest request)
    {
        string? format = request.Query["format"];
        if (format is not null)
        {
            if (format.Equals("csv", StringComparison.OrdinalIgnoreCase)) return true;
            if (format.Equals("json", StringComparison.OrdinalIgnoreCase)) return false;
            throw ApiException.BadRequest($"format={QueryValues.Shorten(format)}: choose csv or json.");
        }
        foreach (string? accept in request.Headers.Accept)
        {
            if (accept is not null && accept.Contains("text/csv", StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}
