namespace Tickwise.Cli;

/// <summary>The command line: builds the command tree and runs it.</summary>
internal static class TickwiseCli
{
    /// <summary>Runs the command that <paramref name="args"/> names and returns the process exit code.</summary>
    public static int Run(string[] args) => 0;
}
