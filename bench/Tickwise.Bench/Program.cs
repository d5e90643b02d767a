using BenchmarkDotNet.Running;

// `dotnet run -c Release --project bench/Tickwise.Bench -- --filter '*Parser*'` runs one suite;
// `-- import-throughput` runs the end-to-end import harness instead (see bench/README.md).
if (args.Length > 0 && Tickwise.Bench.Harnesses.TryRun(args))
    return;
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
