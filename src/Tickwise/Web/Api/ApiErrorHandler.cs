using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tickwise.Storage;

namespace Tickwise.Web.Api;

/// <summary>Turns exceptions that escape a handler into ProblemDetails: the client's fault as 4xx, ours as 500 or 503.</summary>
/// <remarks>
/// <see cref="ApiException"/> carries its own status; <see cref="BadHttpRequestException"/> (malformed body, oversized
/// body, wrong content type, from ASP.NET Core's binding) keeps the status Kestrel chose; a <see cref="StoreException"/>
/// is 503 (the store is unavailable, not the request wrong). Anything else is a bug: 500, logged with its stack.
/// </remarks>
internal sealed partial class ApiErrorHandler(IProblemDetailsService problems, ILogger<ApiErrorHandler> logger) : IExceptionHandler
{
    /// <inheritdoc/>
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        (int status, string title, string detail) = exception switch
        {
            ApiException e => (e.Status, e.Title, e.Message),
            BadHttpRequestException e => (e.StatusCode, "Bad request", e.Message),
            StoreException e => (StatusCodes.Status503ServiceUnavailable, "Store unavailable", e.Message),
            _ => (StatusCodes.Status500InternalServerError, "Internal error", "The server failed; see its log."),
        };
        if (status >= 500) LogFailure(logger, httpContext.Request.Path, exception);
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {Path} failed")]
    private static partial void LogFailure(ILogger logger, PathString path, Exception exception);
}
