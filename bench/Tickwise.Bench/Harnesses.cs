namespace Tickwise.Bench;

/// <summary>End-to-end harnesses that are not BenchmarkDotNet suites, chosen by the first argument.</summary>
internal static class Harnesses
{
    /// <summary>Runs the harness named by <paramref name="args"/>[0] and returns true, or returns false when none matches.</summary>
    public static bool TryRun(string[] args)
    {
        switch (args[0])
        {
            case "import-throughput":
                ImportThroughputHarness.Run(args[1..]);
                return true;
            case "web-latency":
                WebLatencyHarness.Run(args[1..]);
                return true;
            case "live-throughput":
                LiveThroughputHarness.Run(args[1..]);
                return true;
            case "live-catchup":
                LiveCatchUpHarness.Run(args[1..]);
                return true;
            default:
                return false;
        }
    }
}
