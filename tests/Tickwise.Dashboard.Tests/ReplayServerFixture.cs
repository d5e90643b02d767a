namespace Tickwise.Dashboard.Tests;

/// <summary>A server that has replayed the whole recording at full speed (all bars stored), plus the browser.</summary>
public sealed class ReplayServerFixture : IAsyncLifetime
{
    internal DashboardServer Server { get; private set; } = null!;

    public BrowserFixture Browser { get; } = new();

    public async Task InitializeAsync()
    {
        // The recording spans 23:54:15 to 00:05:05: ten complete minutes once the replay is through.
        Server = await DashboardServer.StartReplayAsync("max", minimumMinuteBars: 10);
        await Browser.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        if (Server is not null) await Server.DisposeAsync();
    }
}
