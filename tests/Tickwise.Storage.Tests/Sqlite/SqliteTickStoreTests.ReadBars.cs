using Tickwise.Core.Market;
using Tickwise.Storage.Sqlite;
using static Tickwise.Storage.Tests.Support.TestData;

namespace Tickwise.Storage.Tests.Sqlite;

public sealed partial class SqliteTickStoreTests
{
    [Fact]
    public void ReadBars_StoreDisposedMidRead_FinishesTheReadOnItsReader()
    {
        SqliteTickStore sut = OpenStore();
        sut.UpsertBars([.. Enumerable.Range(0, 100).Select(i => Bar(Btc, i))]);
        using IEnumerator<Bar> rows = sut.ReadBars(Btc, Interval.OneMinute, TimeRange.All).GetEnumerator();
        rows.MoveNext().ShouldBeTrue();

        sut.Dispose();

        // Dispose leaves a rented reader alone (closing a connection under a read on another thread is not allowed in
        // SQLite's multi-thread mode): the read finishes and its reader is closed when it is returned.
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
