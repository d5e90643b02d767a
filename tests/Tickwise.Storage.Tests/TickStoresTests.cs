using Tickwise.Storage.Postgres;
using Tickwise.Storage.Sqlite;
using Tickwise.Storage.Tests.Support;

namespace Tickwise.Storage.Tests;

[Collection(PostgresCollection.Name)]
public sealed class TickStoresTests(PostgresServer server) : IDisposable
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

    [Fact]
    public void Open_Path_OpensSqliteStore()
    {
        string path = _dir.File("y", "t.db");

        using ITickStore sut = TickStores.Open(path);

        sut.ShouldBeOfType<SqliteTickStore>().Path.ShouldBe(path);
    }

    [Fact]
    public void Open_PostgresUrl_OpensPostgresStoreInTheUrlsSchema()
    {
        string schema = server.NewSchema();

        using ITickStore sut = TickStores.Open("  " + server.UrlFor(schema) + " ");

        PostgresTickStore store = sut.ShouldBeOfType<PostgresTickStore>();
        store.Schema.ShouldBe(schema);
        store.Server.ShouldNotContain(server.Password);
        sut.AppendTrades(TestData.Trades(TestData.Btc, 1, 3)).ShouldBe(3);
    }

    [Fact]
    public void Open_MalformedPostgresUrl_ThrowsWithoutPassword()
    {
        ArgumentException e = Should.Throw<ArgumentException>(() => TickStores.Open("postgres://u:SECRETPW@host:5432/db?bogus=1"));

        e.Message.ShouldNotContain("SECRETPW");
    }
}
