using Tickwise.Core.Market;
using Tickwise.Storage.Sqlite;
using Tickwise.Storage.Tests.Support;
using static Tickwise.Storage.Tests.Support.TestData;

namespace Tickwise.Storage.Tests.Sqlite;

public sealed partial class SqliteTickStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private SqliteTickStore OpenStore(SqliteTickStoreOptions? options = null) =>
        SqliteTickStore.Open(_dir.File("data", "tickwise.db"), options ?? SqliteTickStoreOptions.Default);

    [Fact]
    public void Open_PathInMissingDirectory_CreatesDirectoryAndFile()
    {
        string path = _dir.File("a", "b", "store.db");

        using SqliteTickStore sut = SqliteTickStore.Open(path);

        File.Exists(path).ShouldBeTrue();
        sut.Path.ShouldBe(path);
        sut.Count().ShouldBe(new StoreCounts(0, 0));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Open_BlankPath_ThrowsArgumentException(string path) =>
        Should.Throw<ArgumentException>(() => SqliteTickStore.Open(path));

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Open_NonPositiveCheckpointInterval_Throws(int pages) =>
        Should.Throw<ArgumentOutOfRangeException>(() => OpenStore(new SqliteTickStoreOptions { WalAutoCheckpointPages = pages }));

    [Fact]
    public void Open_CheckpointInterval_KeepsCommittedTradesAcrossReopen()
    {
        var options = new SqliteTickStoreOptions { WalAutoCheckpointPages = 100_000 };
        using (SqliteTickStore first = OpenStore(options)) first.AppendTrades(Trades(Btc, 0, 5_000));
        using SqliteTickStore sut = OpenStore(options);
        sut.CountTrades(Btc, TimeRange.All).ShouldBe(5_000);
    }
}
