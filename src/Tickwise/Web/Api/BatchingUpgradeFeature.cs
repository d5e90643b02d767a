using Microsoft.AspNetCore.Http.Features;
using Tickwise.Web.Live;

namespace Tickwise.Web.Api;

/// <summary>Wraps the connection's upgrade so that the accepted WebSocket writes through a <see cref="BatchingStream"/>.</summary>
/// <remarks>Set before the WebSockets middleware reads the feature; the feed's endpoint finds the stream here.</remarks>
internal sealed class BatchingUpgradeFeature(IHttpUpgradeFeature inner) : IHttpUpgradeFeature
{
    /// <summary>The stream the WebSocket writes to, once upgraded.</summary>
    public BatchingStream? Stream { get; private set; }

    /// <inheritdoc/>
    public bool IsUpgradableRequest => inner.IsUpgradableRequest;

    /// <inheritdoc/>
    public async Task<Stream> UpgradeAsync()
    {
        Stream = new BatchingStream(await inner.UpgradeAsync());
        return Stream;
    }
}
