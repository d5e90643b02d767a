using Tickwise.Core.Market;
using Tickwise.Storage.Postgres;
using Tickwise.Storage.Tests.Support;
using static Tickwise.Storage.Tests.Support.TestData;

namespace Tickwise.Storage.Tests.Postgres;

/// <summary>What only the PostgreSQL store does: schemas, partitions, several writers, server faults.</summary>
[Collection(PostgresCollection.Name)]
public sealed partial class PostgresTickStoreTests(PostgresServer server)
{
    private static readonly PostgresTickStoreOptions Fast = new() { ConnectAttempts = 3, ConnectRetryDelay = TimeSpan.FromMilliseconds(100), ConnectTimeout = TimeSpan.FromSeconds(5) };

    private readonly string _schema = server.NewSchema();

    private PostgresTickStore OpenStore(PostgresTickStoreOptions? options = null) =>
        PostgresTickStore.Open(server.UrlFor(_schema), options ?? Fast);

    private static long Ms(int year, int month, int day, int hour = 0, int minute = 0, int second = 0, int millisecond = 0) =>
        new DateTimeOffset(year, month, day, hour, minute, second, millisecond, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private string Partitions(string table) => (string?)server.Scalar($"""
        SELECT coalesce(string_agg(c.relname, ',' ORDER BY c.relname), '') FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace n ON n.oid = p.relnamespace
        WHERE n.nspname = '{_schema}' AND p.relname = '{table}'
        """) ?? "";

    [Fact]
    public void Open_NewSchema_CreatesTablesAtCurrentVersionAndHidesPassword()
    {
        using PostgresTickStore sut = OpenStore();

        server.Scalar($"SELECT version FROM \"{_schema}\".tickwise_schema_version").ShouldBe(PostgresSchema.CurrentVersion);
        sut.Schema.ShouldBe(_schema);
        sut.Server.ShouldBe($"postgres://{server.Username}@127.0.0.1:{server.Port}/tickwise");
        sut.Server.ShouldNotContain(server.Password);
        Partitions("trades").ShouldBeEmpty();
    }

    [Fact]
    public void AppendTrades_TradesInThreeMonths_CreatesMonthlyPartitionsOnDemand()
    {
        using PostgresTickStore sut = OpenStore();
        Trade[] trades =
        [
            new(Btc, 1, new Price(1), new Quantity(1), Ms(2024, 1, 31, 23, 59, 59, 999), AggressorSide.Buyer),
            new(Btc, 2, new Price(2), new Quantity(1), Ms(2024, 2, 1), AggressorSide.Buyer), // the boundary opens February
            new(Btc, 3, new Price(3), new Quantity(1), Ms(2024, 12, 31, 12), AggressorSide.Seller),
        ];
        Bar january = new(Btc, Interval.OneDay, Ms(2024, 1, 31), new Price(1), new Price(2), new Price(1), new Price(2), 1.5m, 3m, 2, 0.5m, 1m);
        Bar march = new(Btc, Interval.OneDay, Ms(2024, 3, 1), new Price(2), new Price(3), new Price(2), new Price(3), 1m, 2m, 3, 0.5m, 1m);

        sut.AppendTrades(trades).ShouldBe(3);
        sut.UpsertBars([january, march]);

        Partitions("trades").ShouldBe("trades_2024_01,trades_2024_02,trades_2024_12");
        Partitions("bars").ShouldBe("bars_2024_01,bars_2024_03");
        server.Scalar($"SELECT tableoid::regclass::text FROM \"{_schema}\".trades WHERE id = 2").ShouldBe($"{_schema}.trades_2024_02");
        sut.ReadTrades(Btc, TimeRange.All).ShouldBe(trades);
        sut.ReadTrades(Btc, new TimeRange(Ms(2024, 1, 31), Ms(2024, 2, 2))).ShouldBe(trades[..2]);
        sut.ReadBars(Btc, Interval.OneDay, TimeRange.All).ShouldBe([january, march]);
        sut.LastTradeBefore(Btc, Ms(2024, 12, 1)).ShouldBe(trades[1]);
    }

    [Fact]
    public void AppendTrades_PartitionDroppedOutsideTickwise_RecreatesItAndStores()
    {
        using PostgresTickStore sut = OpenStore();
        sut.AppendTrades(Trades(Btc, 0, 10)).ShouldBe(10);
        server.Scalar($"DROP TABLE \"{_schema}\".trades_2024_08");

        sut.AppendTrades(Trades(Btc, 100, 10)).ShouldBe(10);

        sut.ReadTrades(Btc, TimeRange.All).ShouldBe(Trades(Btc, 100, 10));
    }

    [Fact]
    public async Task AppendTrades_TwoStoresSameTradesConcurrently_StoreEachTradeOnce()
    {
        // Both writers open the new schema at once, add the same symbols, create the same month partitions and append
        // overlapping batches in opposite orders: each trade must be stored once and counted as new by one writer.
        const int total = 60_000;
        Trade[] btc = Trades(Btc, 0, total, Ms(2024, 8, 31, 23, 55)); // 10 minutes that cross into September
        Trade[] eth = Trades(Eth, 0, total, Ms(2024, 8, 31, 23, 55));
        using var start = new Barrier(2);
        int Write(int batch, bool reverse)
        {
            start.SignalAndWait();
            using PostgresTickStore store = OpenStore();
            int added = 0;
            for (int k = 0; k < total / batch; k++)
            {
                int i = reverse ? total / batch - 1 - k : k;
                added += store.AppendTrades(btc.AsSpan(i * batch, batch));
                added += store.AppendTrades(eth.AsSpan(i * batch, batch));
            }
            return added;
        }

        Task<int> first = Task.Run(() => Write(5_000, reverse: false));
        Task<int> second = Task.Run(() => Write(4_000, reverse: true));
        int[] added = await Task.WhenAll(first, second);

        added.Sum().ShouldBe(2 * total);
        using PostgresTickStore sut = OpenStore();
        sut.Count().ShouldBe(new StoreCounts(2 * total, 0));
        sut.ReadTrades(Btc, TimeRange.All).ShouldBeSameTrades(btc);
        sut.ReadTrades(Eth, TimeRange.All).ShouldBeSameTrades(eth);
        Runs().ShouldBe($"BTCUSDT:0-{total - 1},ETHUSDT:0-{total - 1}");
        Partitions("trades").ShouldBe("trades_2024_08,trades_2024_09");
    }

    [Theory]
    [InlineData(false)] // the batch looks like an append, but the other writer's key makes it take the anti-join path
    [InlineData(true)]  // an id above the batch is stored: the anti-join path from the start
    public async Task AppendTrades_AnotherWriterCommitsAKeyMidCall_WaitsSkipsItAndStoresTheRest(bool higherIdStored)
    {
        using PostgresTickStore sut = OpenStore();
        Trade[] batch = Trades(Btc, 0, 10);
        Trade other = batch[5];
        Trade higher = new(Btc, 100, new Price(1), new Quantity(1), StartMs, AggressorSide.Buyer);
        sut.AppendTrades([new Trade(Eth, 1, new Price(1), new Quantity(1), StartMs, AggressorSide.Buyer)]); // creates the month's partition
        if (higherIdStored) sut.AppendTrades([higher]);
        else server.Scalar($"INSERT INTO \"{_schema}\".symbols(name) VALUES ('BTCUSDT')");
        // Another Tickwise writer: holds BTCUSDT's advisory lock while it stores one key of the batch, as the store does.
        using var writer = new Npgsql.NpgsqlConnection(server.ConnectionString);
        writer.Open();
        using Npgsql.NpgsqlTransaction open = writer.BeginTransaction();
        using (var insert = new Npgsql.NpgsqlCommand($"""
            SELECT pg_advisory_xact_lock({PostgresSchema.LockSpace(_schema)}, (SELECT id FROM "{_schema}".symbols WHERE name = 'BTCUSDT'));
            INSERT INTO "{_schema}".trades VALUES ((SELECT id FROM "{_schema}".symbols WHERE name = 'BTCUSDT'), {other.Id}, {other.TimestampMs},
                {other.Price.Raw}, {other.Quantity.Raw}, {(int)other.AggressorSide}, {other.TradeCount});
            INSERT INTO "{_schema}".trade_runs VALUES ((SELECT id FROM "{_schema}".symbols WHERE name = 'BTCUSDT'), {other.Id}, {other.Id});
            """, writer, open)) insert.ExecuteNonQuery();

        Task<int> appending = Task.Run(() => sut.AppendTrades(batch));
        WaitUntilWaitingOnLock(appending);
        await open.CommitAsync();

        (await appending).ShouldBe(9);
        sut.ReadTrades(Btc, TimeRange.All).ShouldBe(higherIdStored ? [.. batch, higher] : batch);
        Runs().ShouldBe(higherIdStored ? "BTCUSDT:0-9,BTCUSDT:100-100,ETHUSDT:1-1" : "BTCUSDT:0-9,ETHUSDT:1-1");
    }

    private void WaitUntilWaitingOnLock(Task task)
    {
        var timer = System.Diagnostics.Stopwatch.StartNew();
        while (server.Scalar($"SELECT count(*) FROM pg_stat_activity WHERE application_name = 'tickwise' AND wait_event_type = 'Lock'") is 0L)
        {
            if (task.IsCompleted || timer.Elapsed > TimeSpan.FromSeconds(60)) throw new InvalidOperationException("the store never waited for the other writer");
            Thread.Sleep(5);
        }
    }

    [Fact]
    public void Open_SchemaVersionNewerThanBuild_ThrowsStoreExceptionAndKeepsData()
    {
        using (PostgresTickStore first = OpenStore()) first.AppendTrades(Trades(Btc, 0, 5));
        server.Scalar($"UPDATE \"{_schema}\".tickwise_schema_version SET version = 99");

        StoreException e = Should.Throw<StoreException>(() => OpenStore());

        e.Message.ShouldContain("version 99");
        e.Message.ShouldContain("newer");
        server.Scalar($"SELECT count(*) FROM \"{_schema}\".trades").ShouldBe(5L);
    }

    [Fact]
    public void Open_SchemaWithOtherTables_ThrowsStoreExceptionAndCreatesNothing()
    {
        server.Scalar($"CREATE SCHEMA \"{_schema}\"; CREATE TABLE \"{_schema}\".customers(id int)");

        StoreException e = Should.Throw<StoreException>(() => OpenStore());

        e.Message.ShouldContain("not a Tickwise store");
        server.Scalar($"SELECT count(*) FROM pg_tables WHERE schemaname = '{_schema}'").ShouldBe(1L);
    }

    [Fact]
    public void Open_TwiceOnExistingSchema_KeepsVersionAndRows()
    {
        using (PostgresTickStore first = OpenStore()) first.UpsertBars([TestData.Bar(Btc, 0)]);

        using PostgresTickStore sut = OpenStore();

        sut.Count().ShouldBe(new StoreCounts(0, 1));
        server.Scalar($"SELECT count(*) FROM \"{_schema}\".tickwise_schema_version").ShouldBe(1L);
    }

    [Fact]
    public void Migrate_NewerStep_RunsOnlyTheMissingStepOnce()
    {
        using (OpenStore()) { }
        string[] next = [.. PostgresSchema.Migrations, "CREATE TABLE extra(x integer)"];
        using var connection = new Npgsql.NpgsqlConnection(server.ConnectionString);
        connection.Open();

        PostgresSchema.Migrate(connection, _schema, "test", next);
        PostgresSchema.Migrate(connection, _schema, "test", next); // a second run must not repeat the step

        server.Scalar($"SELECT version FROM \"{_schema}\".tickwise_schema_version").ShouldBe(next.Length);
        server.Scalar($"SELECT to_regclass('\"{_schema}\".extra') IS NOT NULL").ShouldBe(true);
        Should.Throw<StoreException>(() => OpenStore()).Message.ShouldContain("newer than this Tickwise knows");
    }

    [Fact]
    public void Open_WithoutCreatePrivilege_OpensExistingStoreAndRefusesNewOneClearly()
    {
        using (PostgresTickStore first = OpenStore()) first.AppendTrades(Trades(Btc, 0, 3));
        string database = (string)server.Scalar("SELECT current_database()")!;
        server.Scalar($"REVOKE CREATE ON DATABASE \"{database}\" FROM CURRENT_USER");
        try
        {
            using PostgresTickStore sut = OpenStore();
            sut.AppendTrades(Trades(Btc, 3, 2)).ShouldBe(2);

            StoreException e = Should.Throw<StoreException>(() => PostgresTickStore.Open(server.UrlFor(server.NewSchema()), Fast));
            e.Message.ShouldContain($"user '{server.Username}' lacks a privilege");
        }
        finally
        {
            server.Scalar($"GRANT CREATE ON DATABASE \"{database}\" TO CURRENT_USER");
        }
    }

    [Fact]
    public void Open_UrlSchemaParameter_OverridesOptionsSchema()
    {
        using PostgresTickStore sut = PostgresTickStore.Open(server.UrlFor(_schema), Fast with { Schema = "ignored_here" });

        sut.Schema.ShouldBe(_schema);
        server.Scalar("SELECT count(*) FROM pg_namespace WHERE nspname = 'ignored_here'").ShouldBe(0L);
    }

    [Theory]
    [InlineData("Upper")]
    [InlineData("1starts_with_digit")]
    [InlineData("pg_reserved")]
    [InlineData("has-dash")]
    [InlineData("quote\"; DROP SCHEMA public; --")]
    [InlineData("")]
    [InlineData("a_name_that_is_far_too_long_for_postgresql_identifiers_of_63_bytes")]
    public void Open_UnusableSchemaName_ThrowsArgumentException(string schema) =>
        Should.Throw<ArgumentException>(() => PostgresTickStore.Open(server.Url, Fast with { Schema = schema }));

    [Fact]
    public void Open_OptionsOutOfRange_ThrowArgumentOutOfRange()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => OpenStore(Fast with { ConnectAttempts = 0 }));
        Should.Throw<ArgumentOutOfRangeException>(() => OpenStore(Fast with { WriteRetries = -1 }));
        Should.Throw<ArgumentOutOfRangeException>(() => OpenStore(Fast with { ConnectRetryDelay = TimeSpan.FromMilliseconds(-1) }));
        Should.Throw<ArgumentOutOfRangeException>(() => OpenStore(Fast with { ConnectTimeout = TimeSpan.Zero }));
        Should.Throw<ArgumentOutOfRangeException>(() => OpenStore(Fast with { MaxPoolSize = 1 }));
    }
}
