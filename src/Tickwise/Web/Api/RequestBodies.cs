using Microsoft.AspNetCore.Http;

namespace Tickwise.Web.Api;

/// <summary>Reads a request's JSON body: 415 for another content type, 400 for an empty one; Kestrel answers 413 past
/// <see cref="TickwiseWebHost.MaxRequestBodyBytes"/>.</summary>
internal static class RequestBodies
{
    /// <summary>Returns the body's bytes.</summary>
    /// <exception cref="ApiException">415 or 400.</exception>
    public static async Task<byte[]> ReadJsonAsync(HttpRequest request)
    {
        if (!request.HasJsonContentType())
            throw new ApiException(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the body as JSON (Content-Type: application/json).");
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        if (buffer.Length == 0) throw ApiException.BadRequest("The body is empty; send a JSON object.");
        return buffer.ToArray();
    }
}
