using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Tickwise.Web.Api;

/// <summary>A request the API refuses: carries the HTTP status (400, 404, 413, 415, 422) and a message for the client.</summary>
/// <remarks>Thrown by the query parsers and handlers; <see cref="ApiErrorHandler"/> turns it into RFC 7807 ProblemDetails.</remarks>
internal sealed class ApiException(int status, string title, string detail) : Exception(detail)
{
    /// <summary>The HTTP status code.</summary>
    public int Status { get; } = status;

    /// <summary>A short, fixed summary of the problem type ("Bad request", "Unknown symbol").</summary>
    public string Title { get; } = title;

    /// <summary>Returns a 400 with <paramref name="detail"/>.</summary>
    public static ApiException BadRequest(string detail) => new(StatusCodes.Status400BadRequest, "Bad request", detail);

    /// <summary>Returns a 404 with <paramref name="detail"/>.</summary>
    public static ApiException NotFound(string detail) => new(StatusCodes.Status404NotFound, "Not found", detail);
}
