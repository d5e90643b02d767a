using Tickwise.Testing;
using static Tickwise.Tests.Cli.ImportExportTests;

namespace Tickwise.Tests.Cli;

/// <summary><c>migrate</c> and <c>copy</c> between SQLite files (PostgreSQL targets: <see cref="PostgresStoreTests"/>).</summary>
public class StoreCommandsTests
{
    [Fact]
    public void Copy_SqliteToSqlite_GivesIdenticalExports()
    {
        using var temp = new TempDirectory();
        string from = temp.File("a.db"), to = temp.File("b.db");
        Ok(TickwiseProcess.Run(temp.Path, "import", RepositoryPaths.Binance("trades", "ETHUSDT-trades-spot-20240808T235415-20240809T000505.csv"), "--db", from));

        Ok(TickwiseProcess.Run(temp.Path, "copy", "--from", from, "--to", to));

        foreach (string interval in new[] { "1s", "5m" })
        {
            Ok(TickwiseProcess.Run(temp.Path, "export", "bars", "--symbol", "ETHUSDT", "--interval", interval, "--db", to)).Stdout
                .ShouldBe(Ok(TickwiseProcess.Run(temp.Path, "export", "bars", "--symbol", "ETHUSDT", "--interval", interval, "--db", from)).Stdout);
        }
    }

    [Theory]
    [InlineData("copy", "--from", "missing.db", "--to", "x.db")]
    [InlineData("copy", "--from", "a.db", "--to", "x.db", "--symbols", "NOSUCHCOIN")]
    public void Copy_BadSource_FailsWithOneClearLine(params string[] args)
    {
        using var temp = new TempDirectory();
        Ok(TickwiseProcess.Run(temp.Path, "simulate", "--symbols", "BTCUSDT", "--duration", "1m", "--start", "2024-08-08T00:00:00Z", "--db", temp.File("a.db")));

        var result = TickwiseProcess.Run(temp.Path, args);

        result.ExitCode.ShouldNotBe(0);
        result.Stderr.Trim().Split('\n').Length.ShouldBe(1, result.Stderr);
        result.Stderr.ShouldStartWith("tickwise: error:");
    }

    [Fact]
    public void Migrate_NewSqliteFile_CreatesItAtTheCurrentSchema()
    {
        using var temp = new TempDirectory();
        var result = Ok(TickwiseProcess.Run(temp.Path, "migrate", "--db", temp.File("new.db")));
        result.Stderr.ShouldContain("0 symbols");
        File.Exists(temp.File("new.db")).ShouldBeTrue();
    }
}
