using System.Diagnostics;
using Tickwise.Testing;
using static Tickwise.Tests.Cli.ImportExportTests;

namespace Tickwise.Tests.Cli;

/// <summary>A throwaway PostgreSQL server from scripts/postgres.sh (installed if missing), for the CLI's store URL tests.</summary>
public sealed class PostgresCluster : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tickwise-cli-pg-" + Guid.NewGuid().ToString("N")[..12]);

    public PostgresCluster() => Url = Script("start").Trim();

    /// <summary>postgres://user:password@127.0.0.1:port/db</summary>
    public string Url { get; }

    public void Dispose() => Script("stop");

    private string Script(string verb)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryPaths.Root, "scripts", "postgres.sh"), verb, _directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"scripts/postgres.sh {verb} failed: {error.Result}");
        return output;
    }
}

/// <summary>The same commands against PostgreSQL (<c>--store postgres://...</c>) as against SQLite.</summary>
public class PostgresStoreTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>
{
    private static readonly string BtcSpot = RepositoryPaths.Binance("trades", "BTCUSDT-trades-spot-20240808T235415-20240809T000505.csv");

    [Fact]
    public void ImportAndExport_ThroughAPostgresUrl_GiveTheSameBarsAsSqlite()
    {
        using var temp = new TempDirectory();
        string store = cluster.Url + "?schema=cli_" + Guid.NewGuid().ToString("N")[..12];
        string sqlite = temp.File("t.db");
        Ok(TickwiseProcess.Run(temp.Path, "import", BtcSpot, "--db", sqlite));

        var imported = Ok(TickwiseProcess.Run(temp.Path, "import", BtcSpot, "--store", store));
        Ok(TickwiseProcess.Run(temp.Path, "import", BtcSpot, "--store", store)); // twice: idempotent

        foreach (string interval in new[] { "1s", "1m", "1d" })
        {
            string expected = Ok(TickwiseProcess.Run(temp.Path, "export", "bars", "--symbol", "BTCUSDT", "--interval", interval, "--db", sqlite)).Stdout;
            Ok(TickwiseProcess.Run(temp.Path, "export", "bars", "--symbol", "BTCUSDT", "--interval", interval, "--store", store)).Stdout.ShouldBe(expected);
        }
        Ok(TickwiseProcess.Run(temp.Path, "export", "trades", "--symbol", "BTCUSDT", "--store", store)).Stdout
            .ShouldBe(Ok(TickwiseProcess.Run(temp.Path, "export", "trades", "--symbol", "BTCUSDT", "--db", sqlite)).Stdout);
        imported.Stderr.ShouldNotContain(Password(cluster.Url));
    }

    [Fact]
    public void Run_PostgresUrl_NeverPrintsThePassword()
    {
        using var temp = new TempDirectory();
        string store = cluster.Url + "?schema=run_" + Guid.NewGuid().ToString("N")[..12];

        var result = Ok(TickwiseProcess.Run(temp.Path, TimeSpan.FromMinutes(1), null, "run", "--source", "simulator", "--symbols", "BTCUSDT", "--speed", "20", "--duration", "2s", "--store", store));

        result.Stderr.ShouldContain(":***@");
        result.Stderr.ShouldNotContain(Password(cluster.Url));
    }

    [Fact]
    public void Import_WrongPassword_FailsWithoutEchoingIt()
    {
        using var temp = new TempDirectory();
        string wrong = "Wr0ngPassw0rdXyz";
        string url = System.Text.RegularExpressions.Regex.Replace(cluster.Url, ":[^:@/]+@", $":{wrong}@");

        var result = TickwiseProcess.Run(temp.Path, "import", BtcSpot, "--store", url);

        result.ExitCode.ShouldNotBe(0);
        result.Stderr.Trim().Split('\n')[^1].ShouldStartWith("tickwise: error:");
        result.Stderr.ShouldNotContain(wrong);
    }

    [Fact]
    public void Copy_SqliteToPostgres_MovesEverythingOnceAndExportsMatch()
    {
        using var temp = new TempDirectory();
        string sqlite = temp.File("t.db");
        string store = cluster.Url + "?schema=copy_" + Guid.NewGuid().ToString("N")[..12];
        Ok(TickwiseProcess.Run(temp.Path, "import", BtcSpot, RepositoryPaths.Binance("klines", "1m", "FILUSDT-1m-2023-08.zip"), "--db", sqlite));

        Ok(TickwiseProcess.Run(temp.Path, "migrate", "--store", store)).Stderr.ShouldContain("0 trades");
        var first = Ok(TickwiseProcess.Run(temp.Path, "copy", "--from", "sqlite:" + sqlite, "--to", store));
        var second = Ok(TickwiseProcess.Run(temp.Path, "copy", "--from", sqlite, "--to", store));

        first.Stderr.ShouldContain("BTCUSDT: 19,904 new trades");
        second.Stderr.ShouldContain("BTCUSDT: 0 new trades");
        foreach (var (symbol, interval) in new[] { ("BTCUSDT", "1s"), ("BTCUSDT", "1d"), ("FILUSDT", "1m"), ("FILUSDT", "4h") })
        {
            Ok(TickwiseProcess.Run(temp.Path, "export", "bars", "--symbol", symbol, "--interval", interval, "--store", store)).Stdout
                .ShouldBe(Ok(TickwiseProcess.Run(temp.Path, "export", "bars", "--symbol", symbol, "--interval", interval, "--db", sqlite)).Stdout);
        }
        // The id kind travels with the trades: aggTrades for BTCUSDT are refused in the target too.
        string agg = temp.File("BTCUSDT-aggTrades-2024-08-08.csv");
        File.WriteAllLines(agg, ["1,61837.63,0.02,3735683259,3735683260,1723161255342,true,true"]);
        TickwiseProcess.Run(temp.Path, "import", agg, "--store", store).ExitCode.ShouldNotBe(0);
    }

    [Fact]
    public async Task Import_TwoProcessesAtOnce_SameAndOtherSymbols_LoseAndDuplicateNothing()
    {
        using var temp = new TempDirectory();
        string store = cluster.Url + "?schema=multi_" + Guid.NewGuid().ToString("N")[..12];
        string eth = RepositoryPaths.Binance("trades", "ETHUSDT-trades-spot-20240808T235415-20240809T000505.csv");
        string sqlite = temp.File("reference.db");
        Ok(TickwiseProcess.Run(temp.Path, "import", BtcSpot, eth, "--db", sqlite));
        Ok(TickwiseProcess.Run(temp.Path, "migrate", "--store", store)); // the schema first, so the racers only race on rows

        // Three writers at once: two with the same BTCUSDT file (redundant ingest), one with ETHUSDT.
        Task<TickwiseProcess.Result>[] racers =
        [
            Task.Run(() => TickwiseProcess.Run(temp.Path, "import", BtcSpot, "--store", store)),
            Task.Run(() => TickwiseProcess.Run(temp.Path, "import", BtcSpot, "--store", store)),
            Task.Run(() => TickwiseProcess.Run(temp.Path, "import", eth, "--store", store)),
        ];
        foreach (var result in await Task.WhenAll(racers)) Ok(result);

        foreach (string symbol in new[] { "BTCUSDT", "ETHUSDT" })
        {
            Ok(TickwiseProcess.Run(temp.Path, "export", "trades", "--symbol", symbol, "--store", store)).Stdout
                .ShouldBe(Ok(TickwiseProcess.Run(temp.Path, "export", "trades", "--symbol", symbol, "--db", sqlite)).Stdout);
            Ok(TickwiseProcess.Run(temp.Path, "export", "bars", "--symbol", symbol, "--interval", "1m", "--store", store)).Stdout
                .ShouldBe(Ok(TickwiseProcess.Run(temp.Path, "export", "bars", "--symbol", symbol, "--interval", "1m", "--db", sqlite)).Stdout);
        }
    }

    internal static string Password(string url) => System.Text.RegularExpressions.Regex.Match(url, "://[^:]+:([^@]+)@").Groups[1].Value;
}
