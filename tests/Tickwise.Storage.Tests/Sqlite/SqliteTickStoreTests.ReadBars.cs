using Tickwise.Core.Market;
using Tickwise.Storage.Sqlite;
using static Tickwise.Storage.Tests.Support.TestData;

namespace Tickwise.Storage.Tests.Sqlite;

public sealed partial class SqliteTickStoreTests
{
    [Fact]
    public void ReadBars_StoreDisposedMidRead_FinishesTheReadOnTheHeldStatement()
    {
        SqliteTickStore sut = OpenStore();
        sut.UpsertBars([.. Enumerable.Range(0, 100).Select(i => Bar(Btc, i))]);
        using IEnumerator<Bar> rows = sut.ReadBars(Btc, Interval.OneMinute, TimeRange.All).GetEnumerator();
        rows.MoveNext().ShouldBeTrue();

        sut.Dispose();

        // The bars are read through the statement's raw pointer: the read holds a reference to the statement, so
        // SQLite finalizes it (and closes the connection) only after the read ends, not under it.
        int more = 0;
        while (rows.MoveNext())
        {
            rows.Current.OpenTimeMs.ShouldBe(Bar(Btc, 1 + more).OpenTimeMs);
            more++;
        }
        more.ShouldBe(99);
        Should.Throw<ObjectDisposedException>(() => sut.ReadBars(Btc, Interval.OneMinute, TimeRange.All));
    }
}
