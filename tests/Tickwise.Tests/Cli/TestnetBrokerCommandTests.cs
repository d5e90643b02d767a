using System.Text.Json;
using Tickwise.Binance.Tests.Trading;
using Tickwise.Core.Market;
using Tickwise.Storage;
using Tickwise.Testing;

namespace Tickwise.Tests.Cli;

/// <summary><c>replay --strategy ... --broker testnet</c> end to end: the real executable, keys in its environment, the
/// signature-checking fake exchange on loopback.</summary>
public sealed class TestnetBrokerCommandTests : IDisposable
{
    private static readonly string Frames = RepositoryPaths.Binance("ws", "spot", "btcusdt_20240808.gz");

    private readonly FakeBinanceTradingServer _server = FakeBinanceTradingServer.Start();
    private readonly TempDirectory _temp = new();

    public void Dispose()
    {
        _server.Dispose();
        _temp.Dispose();
    }

    private static Dictionary<string, string> Keys(string key = FakeBinanceTradingServer.ApiKey, string secret = FakeBinanceTradingServer.Secret) => new()
    {
        ["TICKWISE_BINANCE_API_KEY"] = key,
        ["TICKWISE_BINANCE_API_SECRET"] = secret,
    };

    private TickwiseProcess.Result Replay(IDictionary<string, string> environment, params string[] more) =>
        TickwiseProcess.Run(_temp.Path, TimeSpan.FromMinutes(3), environment,
        [
            "replay", Frames, "--db", _temp.File("t.db"), "--intervals", "1s", "--strategy", "crossover", "--strategy-symbols", "BTCUSDT",
            "--strategy-interval", "1s", "--param", "fast=3", "slow=8", .. more,
        ]);

    [Fact]
    public void Replay_CrossoverOnTheTestnetBroker_SignedOrdersReachTheExchangeAndTheRecordsMatchIt()
    {
        var result = Replay(Keys(), "--broker", "testnet", "--trade-url", _server.BaseUri.ToString());

        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Stderr.ShouldContain("strategy crossover:");
        var sent = _server.Orders;
        sent.Count.ShouldBeGreaterThan(2);
        sent.ShouldAllBe(o => o.Symbol == "BTCUSDT" && o.Type == "MARKET");
        // Every request carried a valid signature and timestamp: the server answers -1022/-1021 otherwise and keeps no order.
        _server.RequestsTo("POST /api/v3/order").ShouldBe(sent.Count);

        using ITickStore store = TickStores.Open(_temp.File("t.db"));
        JsonElement[] orders = Rows(store, "order");
        orders.Length.ShouldBe(sent.Count);
        foreach (JsonElement order in orders)
        {
            order.GetProperty("broker").GetString().ShouldBe("testnet");
            order.GetProperty("status").GetString().ShouldBe("filled");
            order.GetProperty("average_price").GetDecimal().ShouldBe(60000m); // the fake exchange's price, not the replay's
            order.GetProperty("fee").GetDecimal().ShouldBeGreaterThan(0m);
        }
        orders.Select(o => o.GetProperty("client_order_id").GetString()).Order().ShouldBe(sent.Select(o => o.ClientOrderId).Order());
        JsonElement[] fills = Rows(store, "fill");
        fills.Length.ShouldBe(sent.Count);
        fills.ShouldAllBe(f => f.GetProperty("price").GetDecimal() == 60000m && f.GetProperty("broker").GetString() == "testnet");

        // Each variant's stored position is what the exchange filled for it: buys minus sells, in the step-rounded quantities sent.
        JsonElement[] positions = Rows(store, "position");
        positions.Select(p => p.GetProperty("variant").GetString()).Order().ShouldBe(["A", "B"]);
        foreach (JsonElement position in positions)
        {
            string variant = position.GetProperty("variant").GetString()!;
            decimal held = sent.Where(o => o.ClientOrderId.Split('-')[2] == variant).Sum(o => o.Side == "BUY" ? o.Quantity : -o.Quantity);
            position.GetProperty("quantity").GetDecimal().ShouldBe(held);
        }
        sent.ShouldAllBe(o => o.Quantity * 100_000 == decimal.Truncate(o.Quantity * 100_000)); // LOT_SIZE step 0.00001
        _server.Received.ShouldNotContain(r => r.Contains(FakeBinanceTradingServer.Secret));
        result.Stderr.ShouldNotContain(FakeBinanceTradingServer.ApiKey);
    }

    [Fact]
    public void Run_SimulatorWithAStrategyOnTheTestnetBroker_OrdersReachTheExchangeAndAreStoredFilled()
    {
        string db = _temp.File("run.db");

        var result = TickwiseProcess.Run(_temp.Path, TimeSpan.FromMinutes(2), Keys(), "run", "--source", "simulator", "--symbols", "BTCUSDT,ETHUSDT",
            "--speed", "300", "--duration", "4s", "--db", db, "--urls", "none", "--strategy", "crossover", "--strategy-interval", "1s",
            "--param", "fast=2", "slow=4", "--broker", "testnet", "--trade-url", _server.BaseUri.ToString());

        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Stderr.ShouldContain("strategy running on the testnet broker");
        var sent = _server.Orders;
        sent.Count.ShouldBeGreaterThan(0);
        using ITickStore store = TickStores.Open(db);
        JsonElement[] orders = Rows(store, "order");
        orders.Length.ShouldBe(sent.Count);
        orders.ShouldAllBe(o => o.GetProperty("status").GetString() == "filled" && o.GetProperty("broker").GetString() == "testnet");
        Rows(store, "fill").Length.ShouldBe(sent.Count);
    }

    [Fact]
    public void Replay_TestnetWithoutKeys_FailsWithOneLineNamingTheVariables()
    {
        var result = Replay(Keys("", ""), "--broker", "testnet", "--trade-url", _server.BaseUri.ToString());

        result.ExitCode.ShouldBe(1);
        string line = result.Stderr.Trim();
        line.ShouldNotContain('\n');
        line.ShouldContain("--broker testnet");
        line.ShouldContain("TICKWISE_BINANCE_API_KEY and TICKWISE_BINANCE_API_SECRET");
        _server.Requests.ShouldBe(0);
    }

    [Fact]
    public void Replay_TestnetWithAWrongKey_FailsAtStartWithBinancesCodeAndNoKey()
    {
        const string wrongKey = "wrongKeyWRONGkey0123456789abcdefABCDEF0123456789zz";

        var result = Replay(Keys(wrongKey), "--broker", "testnet", "--trade-url", _server.BaseUri.ToString());

        result.ExitCode.ShouldBe(1);
        result.Stderr.Trim().ShouldNotContain('\n');
        result.Stderr.ShouldContain("-2015");
        result.Stderr.ShouldNotContain(wrongKey);
        result.Stderr.ShouldNotContain(FakeBinanceTradingServer.Secret);
        _server.RequestsTo("POST /api/v3/order").ShouldBe(0);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9", "cannot use the exchange at http://127.0.0.1:9")]
    [InlineData("ftp://example.com", "is not an http:// or https:// address")]
    public void Replay_TestnetUnreachableOrBadUrl_FailsWithOneLine(string url, string message)
    {
        var result = Replay(Keys(), "--broker", "testnet", "--trade-url", url);

        result.ExitCode.ShouldBe(1);
        result.Stderr.Trim().ShouldNotContain('\n');
        result.Stderr.ShouldContain(message);
        result.Stderr.ShouldNotContain(FakeBinanceTradingServer.Secret);
    }

    [Fact]
    public void Replay_UnknownBroker_FailsNamingTheChoices()
    {
        var result = Replay(Keys(), "--broker", "live");

        result.ExitCode.ShouldBe(1);
        result.Stderr.ShouldContain("--broker live: choose paper or testnet.");
    }

    [Fact]
    public void Replay_TradeUrlFromTheEnvironment_IsUsed()
    {
        var environment = Keys();
        environment["TICKWISE__TRADEURL"] = _server.BaseUri.ToString();

        var result = Replay(environment, "--broker", "testnet");

        result.ExitCode.ShouldBe(0, result.Stderr);
        _server.RequestsTo("GET /api/v3/exchangeInfo").ShouldBe(1);
    }

    private static JsonElement[] Rows(ITickStore store, string kind) =>
        [.. store.ReadRecords(kind, TimeRange.All).Select(r => JsonDocument.Parse(r.Json).RootElement)];
}
