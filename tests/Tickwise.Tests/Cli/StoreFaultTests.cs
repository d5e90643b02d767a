using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Tickwise.Testing;
using static Tickwise.Tests.Cli.ImportExportTests;

namespace Tickwise.Tests.Cli;

/// <summary>A database that cannot be written: one clear line, a non-zero exit, and what was committed stays.</summary>
public class StoreFaultTests
{
    private static readonly string BtcSpot = RepositoryPaths.Binance("trades", "BTCUSDT-trades-spot-20240808T235415-20240809T000505.csv");
    private static readonly string EthSpot = RepositoryPaths.Binance("trades", "ETHUSDT-trades-spot-20240808T235415-20240809T000505.csv");

    [Fact]
    public void Import_DatabaseLockedByAnotherWriter_FailsClearlyAndKeepsWhatWasThere()
    {
        using var temp = new TempDirectory();
        string db = temp.File("t.db");
        Ok(TickwiseProcess.Run(temp.Path, "import", BtcSpot, "--db", db));
        string before = Ok(TickwiseProcess.Run(temp.Path, "export", "bars", "--symbol", "BTCUSDT", "--interval", "1m", "--db", db)).Stdout;

        using (var holder = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            holder.Open();
            using var begin = holder.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE";
            begin.ExecuteNonQuery(); // holds the write lock for the whole import attempt

            var result = TickwiseProcess.Run(temp.Path, "import", EthSpot, "--db", db);

            result.ExitCode.ShouldNotBe(0);
            result.Stderr.Trim().Split('\n')[^1].ShouldStartWith("tickwise: error:");
            result.Stderr.ShouldContain("t.db");
        }

        Ok(TickwiseProcess.Run(temp.Path, "export", "bars", "--symbol", "BTCUSDT", "--interval", "1m", "--db", db)).Stdout.ShouldBe(before);
    }

    [Fact]
    public void Import_ReadOnlyDatabaseFile_FailsClearlyAndKeepsWhatWasThere()
    {
        using var temp = new TempDirectory();
        string db = temp.File("t.db");
        Ok(TickwiseProcess.Run(temp.Path, "import", BtcSpot, "--db", db));
        string before = Ok(TickwiseProcess.Run(temp.Path, "export", "trades", "--symbol", "BTCUSDT", "--db", db)).Stdout;
        // Tests run as root, which ignores permission bits; the immutable flag stops root too.
        Chattr("+i", db);
        try
        {
            var result = TickwiseProcess.Run(temp.Path, "import", EthSpot, "--db", db);

            result.ExitCode.ShouldNotBe(0);
            result.Stderr.Trim().Split('\n')[^1].ShouldStartWith("tickwise: error:");
            result.Stderr.ShouldContain("t.db");
        }
        finally
        {
            Chattr("-i", db);
        }
        Ok(TickwiseProcess.Run(temp.Path, "export", "trades", "--symbol", "BTCUSDT", "--db", db)).Stdout.ShouldBe(before);
    }

    private static void Chattr(string flag, string path)
    {
        using var process = Process.Start(new ProcessStartInfo("chattr", [flag, path]) { RedirectStandardError = true })!;
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, $"chattr {flag} {path}: {process.StandardError.ReadToEnd()}");
    }
}
