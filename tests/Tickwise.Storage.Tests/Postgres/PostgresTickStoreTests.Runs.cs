using Tickwise.Core.Market;
using Tickwise.Storage.Postgres;
using static Tickwise.Storage.Tests.Support.TestData;

namespace Tickwise.Storage.Tests.Postgres;

// The trade_runs ledger: which ids are stored, as runs of consecutive ids, kept exact through appends, gaps filled
// later, retention and the migration from the per-trade key table.
public sealed partial class PostgresTickStoreTests
{
    /// <summary>The ledger as "SYMBOL:first-last,..." in symbol and id order.</summary>
    private string Runs() => (string?)server.Scalar($"""
        SELECT coalesce(string_agg(s.name || ':' || r.first_id || '-' || r.last_id, ',' ORDER BY s.name, r.first_id), '')
        FROM "{_schema}".trade_runs r JOIN "{_schema}".symbols s ON s.id = r.symbol_id
        """) ?? "";

    [Fact]
    public void AppendTrades_GapFilledLater_JoinsTheRunsAndSkipsStoredIds()
    {
        using PostgresTickStore sut = OpenStore();
        Trade[] all = Trades(Btc, 0, 30);

        sut.AppendTrades(all.AsSpan(0, 10)).ShouldBe(10);
        sut.AppendTrades(all.AsSpan(20, 10)).ShouldBe(10);
        Runs().ShouldBe("BTCUSDT:0-9,BTCUSDT:20-29");
        sut.AppendTrades(all.AsSpan(5, 20)).ShouldBe(10); // 5..24: only 10..19 are new

        Runs().ShouldBe("BTCUSDT:0-29");
        sut.ReadTrades(Btc, TimeRange.All).ShouldBe(all);
        sut.AppendTrades(all).ShouldBe(0);
        Runs().ShouldBe("BTCUSDT:0-29");
    }

    [Fact]
    public void AppendTrades_InterleavedSymbolsWithHoles_RunsPerSymbol()
    {
        using PostgresTickStore sut = OpenStore();
        Trade[] btc = Trades(Btc, 100, 6), eth = Trades(Eth, 7, 4);
        Trade[] batch = [btc[0], eth[0], btc[1], eth[1], btc[3], eth[3], btc[4], btc[5]]; // btc 102 and eth 9 missing

        sut.AppendTrades(batch).ShouldBe(batch.Length);
        Runs().ShouldBe("BTCUSDT:100-101,BTCUSDT:103-105,ETHUSDT:7-8,ETHUSDT:10-10");
        sut.AppendTrades([eth[2], btc[2], btc[2]]).ShouldBe(2); // out of order and repeated: the staging path

        Runs().ShouldBe("BTCUSDT:100-105,ETHUSDT:7-10");
        sut.ReadTrades(Btc, TimeRange.All).ShouldBe(btc);
        sut.ReadTrades(Eth, TimeRange.All).ShouldBe(eth);
    }

    [Fact]
    public void DeleteBefore_IdsRiseWithTime_CutsTheSpanOutOfTheLedger()
    {
        using PostgresTickStore sut = OpenStore();
        Trade[] trades = Trades(Btc, 0, 100);
        sut.AppendTrades(trades);

        sut.DeleteBefore(Btc, trades[50].TimestampMs, long.MinValue).Trades.ShouldBe(50);

        Runs().ShouldBe("BTCUSDT:50-99");
        sut.AppendTrades(trades).ShouldBe(50);
        Runs().ShouldBe("BTCUSDT:0-99");
    }

    [Fact]
    public void DeleteBefore_LaterTradeHasLowerId_RebuildsTheLedgerFromTheTrades()
    {
        using PostgresTickStore sut = OpenStore();
        Trade[] trades = Trades(Btc, 0, 10);
        Trade t = trades[3];
        trades[3] = new Trade(Btc, t.Id, t.Price, t.Quantity, trades[9].TimestampMs + 1_000, t.AggressorSide, t.TradeCount); // id 3 happens last
        sut.AppendTrades(trades);

        sut.DeleteBefore(Btc, trades[5].TimestampMs, long.MinValue).Trades.ShouldBe(4); // ids 0, 1, 2 and 4

        Runs().ShouldBe("BTCUSDT:3-3,BTCUSDT:5-9");
        sut.AppendTrades(trades).ShouldBe(4);
        Runs().ShouldBe("BTCUSDT:0-9");
    }

    [Fact]
    public void Open_StoreAtVersion2WithKeyTable_MigratesKeysToRunsAndDropsTheTable()
    {
        using (var connection = new Npgsql.NpgsqlConnection(server.ConnectionString))
        {
            connection.Open();
            PostgresSchema.Migrate(connection, _schema, "test", PostgresSchema.Migrations[..2]);
        }
        server.Scalar($"""
            INSERT INTO "{_schema}".symbols(name) VALUES ('BTCUSDT'), ('ETHUSDT');
            INSERT INTO "{_schema}".trade_ids SELECT 1, id FROM unnest(ARRAY[1, 2, 3, 7, 9, 10]::bigint[]) AS id;
            INSERT INTO "{_schema}".trade_ids VALUES (2, 42);
            """);

        using PostgresTickStore sut = OpenStore();

        Runs().ShouldBe("BTCUSDT:1-3,BTCUSDT:7-7,BTCUSDT:9-10,ETHUSDT:42-42");
        server.Scalar($"SELECT to_regclass('\"{_schema}\".trade_ids') IS NULL").ShouldBe(true);
        server.Scalar($"SELECT version FROM \"{_schema}\".tickwise_schema_version").ShouldBe(PostgresSchema.CurrentVersion);
    }
}
