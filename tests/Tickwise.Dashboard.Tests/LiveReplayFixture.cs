namespace Tickwise.Dashboard.Tests;

/// <summary>A server replaying the recording at recorded speed, for the tests that need a market still moving.</summary>
/// <remarks>At 3x the eleven recorded minutes lasted under four, and on a loaded machine the alert test could start
/// after the market had stopped moving (no crossing, no toast): at 1x it keeps moving for as long as the tests run.</remarks>
public sealed class LiveReplayFixture : IAsyncLifetime
{
    internal DashboardServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await DashboardServer.StartReplayAsync("1", minimumMinuteBars: 0);

    public async Task DisposeAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
    }
}
