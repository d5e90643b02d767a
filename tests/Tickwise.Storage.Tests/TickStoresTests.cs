using Tickwise.Storage.Sqlite;
using Tickwise.Storage.Tests.Support;

namespace Tickwise.Storage.Tests;

public sealed class TickStoresTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void OpenSqlite_Path_OpensWorkingSqliteStore()
    {
        string path = _dir.File("x", "t.db");

        using ITickStore sut = TickStores.OpenSqlite(path);

        sut.ShouldBeOfType<SqliteTickStore>().Path.ShouldBe(path);
        sut.AppendTrades(TestData.Trades(TestData.Btc, 1, 3)).ShouldBe(3);
        File.Exists(path).ShouldBeTrue();
    }

}
