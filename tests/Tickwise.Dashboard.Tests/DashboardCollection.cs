namespace Tickwise.Dashboard.Tests;

/// <summary>The browser tests share one replayed server and one browser, and run one at a time (2 cores).</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<ReplayServerFixture>
{
    public const string Name = "dashboard";
}
