using System.Diagnostics;
using System.Text;
using Tickwise.Storage;
using Tickwise.Tests.Cli;

namespace Tickwise.Tests.Live;

/// <summary><c>tickwise run --source binance</c> as a user runs it: the real executable against
/// <see cref="FakeBinanceServer"/>, stopped with SIGTERM, its store checked afterwards.</summary>
public class RunBinanceProcessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Run_ForcedDisconnects_StoresExactlyThePublishedTradesAndExitsZeroOnSigterm()
    {
        using var temp = new TempDirectory();
        string db = temp.File("live.db");
        await using var server = await FakeBinanceServer.StartAsync(new FakeBinanceScenario { CloseEvery = 300 });
        using var sut = Started(temp.Path, "run", "--source", "binance", "--symbols", "BTCUSDT,ETHUSDT", "--ws-url", server.WsUrl, "--rest-url", server.BaseUrl,
            "--db", db, "--intervals", "1m", "--reconnect-delay", "50ms", "--status-every", "1s");
        await server.WaitForConnectionsAsync(1, Patience);

        await Task.WhenAll(
            server.PublishSlowlyAsync("BTCUSDT", 3000, 50, TimeSpan.FromMilliseconds(10)),
            server.PublishSlowlyAsync("ETHUSDT", 2000, 40, TimeSpan.FromMilliseconds(10)));
        await WaitForStoredAsync(db, ("BTCUSDT", 3000), ("ETHUSDT", 2000));
        await Task.Delay(1200); // one status line at least
        var stopping = Stopwatch.StartNew();
        var (exitCode, stderr) = await sut.TerminateAsync(TimeSpan.FromSeconds(10));

        exitCode.ShouldBe(0, stderr);
        stopping.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        stderr.ShouldContain("tickwise: stopped:");
        stderr.ShouldContain("BTCUSDT: connected");
        stderr.ShouldContain("gaps repaired");
        server.Connections.ShouldBeGreaterThanOrEqualTo(3);
        using ITickStore store = TickStores.OpenSqlite(db);
        LivePipeline.ShouldHoldExactly(store, server, "BTCUSDT");
        LivePipeline.ShouldHoldExactly(store, server, "ETHUSDT");
        store.Count(new Tickwise.Core.Market.Symbol("BTCUSDT")).Bars.ShouldBeGreaterThan(0);
        // The aggTrade stream's ids are aggregated-trade ids: raw trade dumps must not be mixed in later.
        store.GetMetadata("trade_ids:BTCUSDT").ShouldBe("aggTrades");
    }

    [Fact]
    public async Task Run_ShortConnectionLifetime_RollsOverWithoutLosingOrRepeatingATrade()
    {
        using var temp = new TempDirectory();
        string db = temp.File("live.db");
        await using var server = await FakeBinanceServer.StartAsync();
        using var sut = Started(temp.Path, "run", "--source", "binance", "--symbols", "BTCUSDT", "--ws-url", server.WsUrl, "--rest-url", server.BaseUrl,
            "--db", db, "--intervals", "1m", "--connection-lifetime", "2s");
        await server.WaitForConnectionsAsync(1, Patience);

        await server.PublishSlowlyAsync("BTCUSDT", 3000, 20, TimeSpan.FromMilliseconds(40)); // about 6 s
        await WaitForStoredAsync(db, ("BTCUSDT", 3000));
        var (exitCode, stderr) = await sut.TerminateAsync(TimeSpan.FromSeconds(10));

        exitCode.ShouldBe(0, stderr);
        stderr.ShouldContain("connection lifetime reached: switched to a new connection");
        server.Connections.ShouldBeGreaterThanOrEqualTo(3);
        using ITickStore store = TickStores.OpenSqlite(db);
        LivePipeline.ShouldHoldExactly(store, server, "BTCUSDT");
    }

    [Theory]
    [InlineData("run", "--connection-lifetime", "soon")]
    [InlineData("run", "--connection-lifetime", "0s")]
    [InlineData("run", "--fast-retry-window", "soon")]
    [InlineData("run", "--fast-retry-window", "-5s")]
    [InlineData("record", "--connection-lifetime", "0s")]
    [InlineData("record", "--fast-retry-window", "-5s")]
    [InlineData("record", "--no-data-timeout", "soon")]
    public void Run_BadTiming_FailsWithOneLine(string command, string option, string value)
    {
        using var temp = new TempDirectory();
        string[] target = command == "run" ? ["--source", "binance", "--db", temp.File("live.db")] : ["--out", temp.File("rec.gz")];
        var result = TickwiseProcess.Run(temp.Path, [command, "--symbols", "BTCUSDT", .. target, option, value]);

        result.ExitCode.ShouldBe(1);
        result.Stderr.ShouldContain(option);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("a-key", false)]
    public void Run_FuturesRawTrades_SaysPlainlyWhenTheHistoricalTradesKeyIsMissing(string apiKey, bool warned)
    {
        using var temp = new TempDirectory();
        int port = BinanceSourceTests.FreePort();
        var environment = new Dictionary<string, string> { ["TICKWISE_BINANCE_API_KEY"] = apiKey };

        var result = TickwiseProcess.Run(temp.Path, TimeSpan.FromMinutes(1), environment,
            "run", "--market", "futures", "--streams", "trade", "--symbols", "BTCUSDT", "--ws-url", $"ws://127.0.0.1:{port}", "--rest-url", $"http://127.0.0.1:{port}",
            "--db", temp.File("live.db"), "--reconnect-delay", "100ms", "--duration", "1s");

        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Stderr.Contains("no API key in TICKWISE_BINANCE_API_KEY: futures /fapi/v1/historicalTrades wants one").ShouldBe(warned, result.Stderr);
        result.Stderr.ShouldNotContain("a-key"); // a secret never reaches the output
    }

    [Fact]
    public async Task Run_ExchangeUnreachable_SaysSoKeepsRetryingAndExitsZeroOnSigterm()
    {
        using var temp = new TempDirectory();
        int port = BinanceSourceTests.FreePort();
        using var sut = Started(temp.Path, "run", "--source", "binance", "--symbols", "BTCUSDT", "--ws-url", $"ws://127.0.0.1:{port}", "--rest-url", $"http://127.0.0.1:{port}",
            "--db", temp.File("live.db"), "--reconnect-delay", "100ms");
        var clock = Stopwatch.StartNew();
        while (sut.Stderr.Split("cannot reach the exchange").Length < 4 && clock.Elapsed < Patience) await Task.Delay(50);

        var (exitCode, stderr) = await sut.TerminateAsync(TimeSpan.FromSeconds(10));

        exitCode.ShouldBe(0, stderr);
        stderr.ShouldContain($"cannot reach the exchange at ws://127.0.0.1:{port}/");
        stderr.ShouldContain("retrying in");
        stderr.ShouldContain("tickwise: stopped: 0 trades");
    }

    [Fact]
    public void Run_EndpointsFromEnvironment_AreUsedWithoutFlags()
    {
        using var temp = new TempDirectory();
        int port = BinanceSourceTests.FreePort();
        var environment = new Dictionary<string, string> { ["TICKWISE__WSURL"] = $"ws://127.0.0.1:{port}", ["TICKWISE__RESTURL"] = $"http://127.0.0.1:{port}" };

        var result = TickwiseProcess.Run(temp.Path, TimeSpan.FromMinutes(1), environment,
            "run", "--symbols", "BTCUSDT", "--db", temp.File("live.db"), "--reconnect-delay", "100ms", "--duration", "2s");

        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Stderr.ShouldContain($"cannot reach the exchange at ws://127.0.0.1:{port}/");
    }

    [Fact]
    public async Task Run_SecondCtrlC_ForcesTheExitWhileTheFirstWaitsOnALockedStore()
    {
        using var temp = new TempDirectory();
        string db = temp.File("live.db");
        await using var server = await FakeBinanceServer.StartAsync();
        using var sut = Started(temp.Path, "run", "--source", "binance", "--symbols", "BTCUSDT", "--ws-url", server.WsUrl, "--rest-url", server.BaseUrl,
            "--db", db, "--intervals", "1m", "--reconnect-delay", "50ms");
        await server.WaitForConnectionsAsync(1, Patience);
        server.Publish("BTCUSDT", 100);
        await WaitForStoredAsync(db, ("BTCUSDT", 100));

        // Another program takes the database's write lock and keeps it: the run's next write waits (5 s busy timeout).
        using var blocker = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db}");
        blocker.Open();
        using (var begin = blocker.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            begin.ExecuteNonQuery();
        }
        server.Publish("BTCUSDT", 100);
        await Task.Delay(500);
        sut.Interrupt();
        await Task.Delay(1000);
        sut.HasExited.ShouldBeFalse(sut.Stderr); // still trying to flush: the first Ctrl+C is graceful
        var forcing = Stopwatch.StartNew();
        sut.Interrupt();
        var (exitCode, stderr) = await sut.WaitForExitAsync(TimeSpan.FromSeconds(10));

        forcing.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2));
        exitCode.ShouldBe(130, stderr);
        stderr.ShouldContain("press Ctrl+C again to force");
        stderr.ShouldContain("tickwise: forced to stop");
        stderr.ShouldNotContain("tickwise: stopped:");
    }

    /// <param name="signals">What asks the run to stop: one Ctrl+C, or SIGTERM twice in a row as <c>timeout</c> sends it
    /// (its command, then its process group; 50 ms apart here so that the kernel cannot merge them into one).</param>
    [Theory]
    [InlineData("kill -INT $0")]
    [InlineData("kill -TERM $0; sleep 0.05; kill -TERM $0")]
    public async Task Run_OneStopRequest_StopsGracefullyWithExitZero(string signals)
    {
        using var temp = new TempDirectory();
        string db = temp.File("live.db");
        await using var server = await FakeBinanceServer.StartAsync();
        using var sut = Started(temp.Path, "run", "--source", "binance", "--symbols", "BTCUSDT", "--ws-url", server.WsUrl, "--rest-url", server.BaseUrl, "--db", db);
        await server.WaitForConnectionsAsync(1, Patience);
        server.Publish("BTCUSDT", 300);
        await WaitForStoredAsync(db, ("BTCUSDT", 300));

        using (var kill = Process.Start("bash", ["-c", signals, sut.Id])) await kill.WaitForExitAsync();
        var (exitCode, stderr) = await sut.WaitForExitAsync(TimeSpan.FromSeconds(10));

        exitCode.ShouldBe(0, stderr);
        stderr.ShouldContain("tickwise: stopped: 300 trades");
        stderr.ShouldNotContain("forced");
        using ITickStore store = TickStores.OpenSqlite(db);
        LivePipeline.ShouldHoldExactly(store, server, "BTCUSDT");
    }

    [Theory]
    [InlineData("--market", "moon", "--market moon")]
    [InlineData("--streams", "aggTrade,tickers", "'tickers'")]
    [InlineData("--streams", "aggTrade,trade", "not both")]
    [InlineData("--ws-url", "http://127.0.0.1:1", "ws://")]
    [InlineData("--rest-url", "not a url", "--rest-url")]
    [InlineData("--reconnect-delay", "-5ms", "--reconnect-delay")]
    public void Run_BadBinanceOption_FailsWithOneLine(string option, string value, string expected)
    {
        using var temp = new TempDirectory();
        var result = TickwiseProcess.Run(temp.Path, TimeSpan.FromSeconds(30), null, "run", "--source", "binance", "--db", temp.File("x.db"), option, value);

        result.ExitCode.ShouldBe(1, result.Stderr);
        result.Stderr.ShouldStartWith("tickwise: error:");
        result.Stderr.ShouldContain(expected);
        result.Stderr.Trim().Split('\n').Length.ShouldBe(1);
    }

    private static async Task WaitForStoredAsync(string db, params (string Symbol, int Count)[] expected)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            bool done = true;
            try
            {
                using ITickStore store = TickStores.OpenSqlite(db);
                foreach (var (symbol, count) in expected)
                    if (store.Count(new Tickwise.Core.Market.Symbol(symbol)).Trades < count) done = false;
            }
            catch (StoreException)
            {
                done = false; // the writer holds the database for a moment
            }
            if (done) return;
            if (clock.Elapsed > Patience) throw new TimeoutException($"the store did not reach the published trades within {Patience}");
            await Task.Delay(100);
        }
    }

    private static LiveProcess Started(string workingDirectory, params string[] args)
    {
        // env restores SIGINT's default disposition: a test run started in the background (CI, nohup, "cmd &") inherits
        // SIGINT ignored, and an ignored SIGINT stays ignored in the child, so Ctrl+C could not be tested at all.
        var start = new ProcessStartInfo("env") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "tickwise.dll"));
        foreach (string arg in args) start.ArgumentList.Add(arg);
        return new LiveProcess(Process.Start(start)!);
    }

    /// <summary>A running <c>tickwise</c> whose stderr is collected as it comes, stopped as a service manager would.</summary>
    private sealed class LiveProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _stderr = new();

        public LiveProcess(Process process)
        {
            _process = process;
            _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
            _process.OutputDataReceived += (_, _) => { };
            _process.BeginErrorReadLine();
            _process.BeginOutputReadLine();
        }

        public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

        public bool HasExited => _process.HasExited;

        /// <summary>The process id, as <c>kill</c> takes it.</summary>
        public string Id => _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>Sends SIGINT, as Ctrl+C in a terminal does.</summary>
        public void Interrupt()
        {
            using var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }

        /// <summary>Waits for the exit.</summary>
        public async Task<(int ExitCode, string Stderr)> WaitForExitAsync(TimeSpan timeout)
        {
            using var wait = new CancellationTokenSource(timeout);
            await _process.WaitForExitAsync(wait.Token);
            return (_process.ExitCode, Stderr);
        }

        /// <summary>Sends SIGTERM and waits for the exit.</summary>
        public async Task<(int ExitCode, string Stderr)> TerminateAsync(TimeSpan timeout)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
            using var wait = new CancellationTokenSource(timeout);
            await _process.WaitForExitAsync(wait.Token);
            return (_process.ExitCode, Stderr);
        }

        public void Dispose()
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.Dispose();
        }
    }
}
