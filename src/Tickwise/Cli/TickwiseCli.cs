using System.CommandLine;
using Tickwise.Configuration;

namespace Tickwise.Cli;

/// <summary>The command line: builds the command tree and runs it.</summary>
internal static class TickwiseCli
{
    /// <summary>Builds the root command with every subcommand.</summary>
    public static RootCommand Build(TickwiseSettings settings)
    {
        var root = new RootCommand("Tickwise: real-time crypto market analytics. Import Binance data, simulate markets, build exact OHLCV bars, export them.");
        root.Subcommands.Add(ImportCommand.Create(settings));
        root.Subcommands.Add(ExportCommand.Create(settings));
        root.Subcommands.Add(SimulateCommand.Create(settings));
        root.Subcommands.Add(RunCommand.Create(settings));
        root.Subcommands.Add(RecordCommand.Create(settings));
        root.Subcommands.Add(ReplayCommand.Create(settings));
        root.Subcommands.Add(AnalyzeCommand.Create(settings));
        root.Subcommands.Add(BacktestCommand.Create(settings));
        root.Subcommands.Add(StoreCommands.CreateMigrate(settings));
        root.Subcommands.Add(StoreCommands.CreateCopy(settings));
        root.Subcommands.Add(PruneCommand.Create(settings));
        root.Subcommands.Add(AlertsCommand.Create(settings));
        root.Subcommands.Add(ServeCommand.Create(settings));
        return root;
    }

    /// <summary>Runs the command that <paramref name="args"/> names and returns the process exit code.</summary>
    public static int Run(string[] args)
    {
        TickwiseSettings settings;
        try
        {
            settings = TickwiseSettings.Load();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or IOException)
        {
            Console.Error.WriteLine($"tickwise: error: appsettings.json: {e.Message.ReplaceLineEndings(" ")}");
            return CommandRunner.Failure;
        }
        // Ctrl+C and SIGTERM are ShutdownSignals': the first stops the command gracefully, a second forces the exit.
        using var signals = new ShutdownSignals();
        var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null };
        return Build(settings).Parse(args).InvokeAsync(invocation, signals.Token).GetAwaiter().GetResult();
    }
}
