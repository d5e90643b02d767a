using System.Diagnostics;
using Npgsql;
using Tickwise.Core.Market;
using Tickwise.Storage.Postgres;
using Tickwise.Storage.Tests.Support;
using static Tickwise.Storage.Tests.Support.TestData;

namespace Tickwise.Storage.Tests.Postgres;

public sealed partial class PostgresTickStoreTests
{
    private string UrlWith(int port, string? password = null, string? database = null) =>
        $"postgres://{server.Username}:{Uri.EscapeDataString(password ?? server.Password)}@127.0.0.1:{port}/{database ?? "tickwise"}?schema={_schema}";

    [Fact]
    public void Open_WrongPassword_ThrowsAtOnceWithoutEchoingAnyPassword()
    {
        const string wrong = "Wr0ng-S3cret-Never-Echo";
        var timer = Stopwatch.StartNew();

        StoreException e = Should.Throw<StoreException>(() => PostgresTickStore.Open(UrlWith(server.Port, wrong), Fast with { ConnectRetryDelay = TimeSpan.FromSeconds(5) }));

        timer.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(4)); // a refused login is not retried
        e.Message.ShouldContain("refused the password");
        e.Message.ShouldContain($"user '{server.Username}'");
        e.Message.ShouldContain($"postgres://{server.Username}@127.0.0.1:{server.Port}/tickwise");
        e.ToString().ShouldNotContain(wrong);
        e.ToString().ShouldNotContain(server.Password);
    }

    [Fact]
    public void Open_MissingDatabase_ThrowsClearErrorAtOnce()
    {
        StoreException e = Should.Throw<StoreException>(() => PostgresTickStore.Open(UrlWith(server.Port, database: "no_such_db"), Fast));

        e.Message.ShouldContain("database 'no_such_db' does not exist");
        e.ToString().ShouldNotContain(server.Password);
    }

    [Fact]
    public void Open_NothingListening_RetriesWithBackoffThenThrowsClearError()
    {
        int port = TcpForwarder.FreePort();
        var timer = Stopwatch.StartNew();

        StoreException e = Should.Throw<StoreException>(() => PostgresTickStore.Open(UrlWith(port), Fast));

        timer.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(300)); // waited 100 ms, then 200 ms
        e.Message.ShouldContain("refused the connection");
        e.Message.ShouldContain("gave up after 3 attempts");
        e.Message.ShouldContain($"127.0.0.1:{port}");
        e.ToString().ShouldNotContain(server.Password);
    }

    [Fact]
    public async Task Open_ServerComesUpDuringRetries_Opens()
    {
        using var forwarder = new TcpForwarder(server.Port);
        Task<PostgresTickStore> opening = Task.Run(() => PostgresTickStore.Open(UrlWith(forwarder.Port), Fast with { ConnectAttempts = 20 }));
        await Task.Delay(400);
        opening.IsCompleted.ShouldBeFalse();

        forwarder.Start();

        using PostgresTickStore sut = await opening;
        sut.AppendTrades(Trades(Btc, 0, 3)).ShouldBe(3);
    }

    [Fact]
    public void AppendTrades_NetworkCutBetweenCalls_RetriesOnNewConnectionAndStoresOnce()
    {
        using var forwarder = new TcpForwarder(server.Port);
        forwarder.Start();
        using PostgresTickStore sut = PostgresTickStore.Open(UrlWith(forwarder.Port), Fast);
        Trade[] trades = Trades(Btc, 0, 2_000);
        sut.AppendTrades(trades.AsSpan(0, 1_000)).ShouldBe(1_000);

        forwarder.CutAll();

        sut.AppendTrades(trades.AsSpan(1_000)).ShouldBe(1_000);
        forwarder.CutAll();
        sut.Count(Btc).ShouldBe(new StoreCounts(2_000, 0)); // reads retry a dead pooled connection too
        sut.ReadTrades(Btc, TimeRange.All).ShouldBeSameTrades(trades);
    }

    [Fact]
    public async Task AppendTrades_SessionKilledMidIngestWithoutRetries_ThrowsThenRetryStoresEachTradeOnce()
    {
        using PostgresTickStore sut = OpenStore(Fast with { WriteRetries = 0 });
        sut.AppendTrades(Trades(Eth, 0, 10)).ShouldBe(10); // the writer is connected
        Trade[] batch = Trades(Btc, 0, 400_000);

        Task<int> appending = Task.Run(() => sut.AppendTrades(batch));
        KillWriterWhileBusy(sut.WriterProcessId!.Value, appending);

        StoreException e = await Should.ThrowAsync<StoreException>(appending);
        e.Message.ShouldContain("Appending trades failed");
        e.Message.ShouldContain("retry");
        sut.Count(Btc).Trades.ShouldBe(0); // the broken transaction was rolled back whole
        sut.AppendTrades(batch).ShouldBe(batch.Length);
        sut.Count(Btc).Trades.ShouldBe(batch.Length);
        Runs().ShouldBe($"BTCUSDT:0-{batch.Length - 1},ETHUSDT:0-9");
    }

    [Fact]
    public async Task AppendTrades_SessionKilledMidIngest_RetriesWithinTheCall()
    {
        using PostgresTickStore sut = OpenStore();
        sut.AppendTrades(Trades(Eth, 0, 10)).ShouldBe(10);
        Trade[] batch = Trades(Btc, 0, 400_000);

        Task<int> appending = Task.Run(() => sut.AppendTrades(batch));
        KillWriterWhileBusy(sut.WriterProcessId!.Value, appending);

        (await appending).ShouldBe(batch.Length);
        sut.Count(Btc).Trades.ShouldBe(batch.Length);
        sut.ReadTrades(Btc, TimeRange.All, limit: 3).ShouldBeSameTrades(batch.AsSpan(0, 3));
    }

    /// <summary>Terminates the writer's server process once it is copying or inserting the batch.</summary>
    private void KillWriterWhileBusy(int processId, Task appending)
    {
        using var admin = new NpgsqlConnection(server.ConnectionString);
        admin.Open();
        using var busy = new NpgsqlCommand(
            $"SELECT count(*) FROM pg_stat_activity WHERE pid = {processId} AND state = 'active' AND (query LIKE 'COPY%' OR query LIKE 'WITH%')", admin);
        var timer = Stopwatch.StartNew();
        while ((long)busy.ExecuteScalar()! == 0)
        {
            if (appending.IsCompleted || timer.Elapsed > TimeSpan.FromSeconds(60)) throw new InvalidOperationException("the writer was never seen busy");
            Thread.Sleep(5);
        }
        using var kill = new NpgsqlCommand($"SELECT pg_terminate_backend({processId})", admin);
        kill.ExecuteScalar().ShouldBe(true);
    }
}
