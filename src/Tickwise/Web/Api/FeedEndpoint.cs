using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Tickwise.Web.Api;

/// <summary><c>/ws</c>: the live feed's WebSocket (protocol in docs/websocket.md).</summary>
internal static class FeedEndpoint
{
    /// <summary>Installs the batching transport for <c>/ws</c>; call before <c>UseWebSockets</c>.</summary>
    public static IApplicationBuilder UseFeedBatching(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Request.Path == "/ws" && context.Features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true } upgrade)
                context.Features.Set<IHttpUpgradeFeature>(new BatchingUpgradeFeature(upgrade));
            return next(context);
        });

    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapFeedEndpoint(this IEndpointRouteBuilder app)
    {
        app.Map("/ws", Accept).WithName("LiveFeed").WithTags("Live")
            .WithSummary("WebSocket: {\"op\":\"subscribe\",\"channels\":[...]}; messages {channel, type, data}. Not a plain HTTP endpoint.");
        return app;
    }

    private static async Task<IResult> Accept(HttpContext http, WebContext context, IHostApplicationLifetime lifetime)
    {
        if (!http.WebSockets.IsWebSocketRequest)
            throw ApiException.BadRequest("/ws is a WebSocket endpoint: connect with a WebSocket client (see docs/websocket.md).");
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        await context.Hub.RunClientAsync(socket, (http.Features.Get<IHttpUpgradeFeature>() as BatchingUpgradeFeature)?.Stream, stop.Token);
        return Results.Empty;
    }
}
