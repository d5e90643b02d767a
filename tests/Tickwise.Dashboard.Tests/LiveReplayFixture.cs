namespace Tickwise.Dashboard.Tests;

/// <summary>A server replaying the recording at 3x, for the tests that need a market still moving.</summary>
public sealed class LiveReplayFixture : IAsyncLifetime
{
    internal DashboardServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await DashboardServer.StartReplayAsync("3", minimumMinuteBars: 0);

    public async Task DisposeAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
    }
}
