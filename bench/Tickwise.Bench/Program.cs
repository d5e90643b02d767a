using BenchmarkDotNet.Running;

namespace Tickwise.Bench;

/// <summary>Entry point of the benchmarks (a named class: src/Tickwise's top-level <c>Program</c> is visible here too).</summary>
public static class BenchProgram
{
    /// <summary>
    /// <c>dotnet run -c Release --project bench/Tickwise.Bench -- --filter '*Parser*'</c> runs one suite;
    /// <c>-- import-throughput</c> runs the end-to-end import harness instead (see bench/README.md).
    /// </summary>
    public static void Main(string[] args)
    {
        if (args.Length > 0 && Harnesses.TryRun(args)) return;
        BenchmarkSwitcher.FromAssembly(typeof(BenchProgram).Assembly).Run(args);
    }
}
