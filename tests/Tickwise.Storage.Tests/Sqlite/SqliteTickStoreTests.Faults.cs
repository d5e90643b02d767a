using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Tickwise.Core.Market;
using Tickwise.Storage.Sqlite;
using Tickwise.Storage.Tests.Support;
using static Tickwise.Storage.Tests.Support.TestData;

namespace Tickwise.Storage.Tests.Sqlite;

public sealed partial class SqliteTickStoreTests
{
    private string StorePath => _dir.File("data", "tickwise.db");

    private void ExecuteOnOtherConnection(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={StorePath};Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private void CreateStoreWith(int trades)
    {
        using SqliteTickStore store = OpenStore();
        store.AppendTrades(Trades(Btc, 0, trades));
    }

    [Fact]
    public void AppendTrades_FileLockedByAnotherConnection_ThrowsAfterBusyTimeoutThenRecovers()
    {
        using SqliteTickStore sut = OpenStore(new SqliteTickStoreOptions { BusyTimeout = TimeSpan.FromMilliseconds(300) });
        sut.AppendTrades(Trades(Btc, 0, 10));
        // Another connection (SQLite locks it exactly as it would another process) holds the write lock.
        using (var other = new SqliteConnection($"Data Source={StorePath};Pooling=False"))
        {
            other.Open();
            using SqliteTransaction holding = other.BeginTransaction(deferred: false);
            var clock = Stopwatch.StartNew();

            StoreException fault = Should.Throw<StoreException>(() => sut.AppendTrades(Trades(Btc, 10, 10)));

            clock.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(250));
            fault.Message.ShouldContain(StorePath);
            fault.Message.ShouldContain("locked by another process");
            sut.Count(Btc).Trades.ShouldBe(10); // WAL readers are not blocked by the writer lock
            holding.Rollback();
        }

        sut.AppendTrades(Trades(Btc, 10, 10)).ShouldBe(10);
        sut.Count(Btc).Trades.ShouldBe(20);
    }

    [Fact]
    public void Open_NotADatabase_ThrowsStoreExceptionAndLeavesFileAlone()
    {
        Directory.CreateDirectory(_dir.File("data"));
        byte[] garbage = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("these are not the pages you are looking for ", 200)));
        File.WriteAllBytes(StorePath, garbage);

        StoreException fault = Should.Throw<StoreException>(() => OpenStore());

        fault.Message.ShouldContain(StorePath);
        fault.Message.ShouldContain("not a SQLite database or is corrupt");
        File.ReadAllBytes(StorePath).ShouldBe(garbage);
    }

    [Fact]
    public void ReadTrades_CorruptPages_ThrowsStoreException()
    {
        CreateStoreWith(50_000);
        // Keep the first page (header and schema) and overwrite the tables' pages.
        using (FileStream file = File.OpenWrite(StorePath))
        {
            file.Position = 16_384;
            byte[] junk = new byte[file.Length - 16_384];
            new Random(7).NextBytes(junk);
            file.Write(junk);
        }

        StoreException fault = Should.Throw<StoreException>(() =>
        {
            using SqliteTickStore sut = OpenStore();
            sut.ReadTrades(Btc, TimeRange.All).Count();
        });

        fault.Message.ShouldContain(StorePath);
    }

    [Fact]
    public void Open_AnotherProgramsDatabase_ThrowsStoreException()
    {
        Directory.CreateDirectory(_dir.File("data"));
        ExecuteOnOtherConnection("CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT)");

        StoreException fault = Should.Throw<StoreException>(() => OpenStore());

        fault.Message.ShouldContain("no Tickwise schema version");
    }

    [Fact]
    public void Open_NewerSchemaVersion_ThrowsStoreExceptionAndKeepsFile()
    {
        CreateStoreWith(5);
        ExecuteOnOtherConnection($"PRAGMA user_version = {SqliteSchema.CurrentVersion + 1}");

        StoreException fault = Should.Throw<StoreException>(() => OpenStore());

        fault.Message.ShouldContain($"schema version {SqliteSchema.CurrentVersion + 1} is newer");
        fault.Message.ShouldContain(StorePath);
        ExecuteOnOtherConnection($"PRAGMA user_version = {SqliteSchema.CurrentVersion}");
        using SqliteTickStore reopened = OpenStore();
        reopened.Count().Trades.ShouldBe(5);
    }

    [Fact]
    public void AppendTrades_ReadOnlyStore_ThrowsStoreExceptionWhileReadsWork()
    {
        CreateStoreWith(100);

        using SqliteTickStore sut = OpenStore(new SqliteTickStoreOptions { ReadOnly = true });

        sut.ReadTrades(Btc, TimeRange.All).Count().ShouldBe(100);
        Should.Throw<StoreException>(() => sut.AppendTrades(Trades(Btc, 100, 1))).Message.ShouldContain("read-only");
        Should.Throw<StoreException>(() => sut.UpsertBars([TestData.Bar(Btc, 0)])).Message.ShouldContain(StorePath);
        Should.Throw<StoreException>(() => sut.SetMetadata("k", "v"));
        sut.Count().ShouldBe(new StoreCounts(100, 0));
    }

    [Fact]
    public void Open_ReadOnlyMissingFile_ThrowsStoreExceptionAndCreatesNothing()
    {
        StoreException fault = Should.Throw<StoreException>(() => OpenStore(new SqliteTickStoreOptions { ReadOnly = true }));

        fault.Message.ShouldContain("cannot be opened");
        File.Exists(StorePath).ShouldBeFalse();
    }

    [Fact]
    public void Open_ImmutableFile_ThrowsStoreExceptionAndReadOnlyOpenStillReads()
    {
        CreateStoreWith(100);
        // chattr +i stops even root, as whom the tests run. Where it is unavailable this test cannot simulate the
        // fault honestly, so it checks the read-only mode's refusal instead (AppendTrades_ReadOnlyStore_... covers it too).
        if (!_dir.TryMakeImmutable(StorePath))
        {
            using SqliteTickStore readOnly = OpenStore(new SqliteTickStoreOptions { ReadOnly = true });
            Should.Throw<StoreException>(() => readOnly.AppendTrades(Trades(Btc, 100, 10))).Message.ShouldContain("read-only");
            return;
        }

        StoreException fault = Should.Throw<StoreException>(() => OpenStore());

        fault.Message.ShouldBe($"Opening failed for '{StorePath}': the database is read-only; check the file and directory permissions (and the read-only option), or use another path.");
        using (SqliteTickStore readOnly = OpenStore(new SqliteTickStoreOptions { ReadOnly = true }))
        {
            readOnly.ReadTrades(Btc, TimeRange.All).ShouldBe(Trades(Btc, 0, 100));
        }
        _dir.MakeMutable(StorePath);
        using SqliteTickStore reopened = OpenStore();
        reopened.AppendTrades(Trades(Btc, 100, 10)).ShouldBe(10);
    }

    [Fact]
    public void Open_ImmutableDirectory_ThrowsStoreException()
    {
        string directory = _dir.File("locked");
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, "tickwise.db");
        // Without chattr, a path under a regular file is a directory that cannot be written either.
        if (!_dir.TryMakeImmutable(directory)) path = Path.Combine(_dir.File("a-file"), "tickwise.db");
        File.WriteAllText(_dir.File("a-file"), "");

        StoreException fault = Should.Throw<StoreException>(() => SqliteTickStore.Open(path));

        fault.Message.ShouldContain(path);
        File.Exists(path).ShouldBeFalse();
    }

    [Fact]
    public void Open_PathUnderAFile_ThrowsStoreException()
    {
        File.WriteAllText(_dir.File("plain"), "");
        string path = _dir.File("plain", "tickwise.db");

        StoreException fault = Should.Throw<StoreException>(() => SqliteTickStore.Open(path));

        fault.Message.ShouldContain("directory cannot be created");
    }

    [Fact]
    public void AppendTrades_DiskFullMidBatch_ThrowsAndKeepsEarlierBatchesWhole()
    {
        const int batch = 10_000;
        long stored = 0;
        int failedBatch = -1;
        StoreException? fault = null;
        using (SqliteTickStore sut = OpenStore(new SqliteTickStoreOptions { MaxSizeBytes = 2 * 1024 * 1024 }))
        {
            for (int b = 0; b < 100 && fault is null; b++)
            {
                try { stored += sut.AppendTrades(Trades(Btc, (long)b * batch, batch, StartMs + (long)b * batch * 10)); }
                catch (StoreException e) { fault = e; failedBatch = b; }
            }

            fault.ShouldNotBeNull();
            fault.Message.ShouldContain("full");
            fault.Message.ShouldContain(StorePath);
            stored.ShouldBe((long)failedBatch * batch);
            sut.Count(Btc).Trades.ShouldBe(stored);
            sut.ReadTrades(Btc, TimeRange.All).Select(t => t.Id).ShouldBe(Enumerable.Range(0, (int)stored).Select(i => (long)i));
        }

        // Without the limit the failed batch goes in whole: none of its rows was left behind.
        using SqliteTickStore reopened = OpenStore();
        reopened.AppendTrades(Trades(Btc, (long)failedBatch * batch, batch, StartMs + (long)failedBatch * batch * 10)).ShouldBe(batch);
    }

    [Fact]
    public void ReadTrades_InvalidStoredRow_ThrowsStoreException()
    {
        CreateStoreWith(3);
        ExecuteOnOtherConnection("UPDATE trades SET price = -5 WHERE id = 1");
        using SqliteTickStore sut = OpenStore();

        StoreException fault = Should.Throw<StoreException>(() => sut.ReadTrades(Btc, TimeRange.All).ToArray());

        fault.Message.ShouldContain("stored trade BTCUSDT 1 is invalid");
    }
}
