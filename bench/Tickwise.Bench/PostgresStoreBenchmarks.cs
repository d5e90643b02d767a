using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Tickwise.Core.Market;
using Tickwise.Storage.Postgres;

namespace Tickwise.Bench;

/// <summary>The PostgreSQL store's bulk paths against a local server.</summary>
/// <remarks>
/// <para>The server is the one TICKWISE_BENCH_POSTGRES names (a <c>postgres://</c> URL), or else a throwaway cluster
/// that scripts/postgres.sh starts for each benchmark process and removes afterwards (PostgreSQL's default settings
/// but max_wal_size = 2GB; fsync on).</para>
/// <para>Every iteration is one call (invocation count 1), so the P99 column is the 99th percentile of single calls.
/// Reads are warmed by 3,000 calls first: until tiered JIT has optimised Npgsql's read path, a read of a day of bars
/// takes about twice as long and allocates ten times as much.
/// Rows per second = <see cref="TradesPerBatch"/> / mean time of <see cref="AppendTrades"/>; every appended trade is
/// new and the table grows during the run, as during an import.</para>
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(SingleCallConfig))]
public class PostgresStoreBenchmarks
{
    public const int TradesPerBatch = 100_000;
    public const int BarsPerDay = 1_440;
    private const int Days = 31;
    private const long StartMs = 1_722_470_400_000; // 2024-08-01T00:00:00Z

    private static readonly Symbol Btc = new("BTCUSDT");

    private string? _clusterDirectory;
    private PostgresTickStore _store = null!;
    private Trade[] _trades = [];
    private Bar[] _day = [];
    private long _nextId;
    private int _nextDay;

    [GlobalSetup(Targets = [nameof(AppendTrades), nameof(UpsertBarsDay)])]
    public void Setup()
    {
        string? url = Environment.GetEnvironmentVariable("TICKWISE_BENCH_POSTGRES");
        if (string.IsNullOrWhiteSpace(url))
        {
            _clusterDirectory = Path.Combine(Path.GetTempPath(), "tickwise-pg-bench-" + Guid.NewGuid().ToString("N")[..12]);
            url = RunScript("start", _clusterDirectory).Trim();
        }
        string schema = "bench_" + Guid.NewGuid().ToString("N")[..12];
        _store = PostgresTickStore.Open($"{url}{(url.Contains('?', StringComparison.Ordinal) ? '&' : '?')}schema={schema}");
        _trades = new Trade[TradesPerBatch];
        var bars = new Bar[BarsPerDay * Days];
        for (int i = 0; i < bars.Length; i++)
        {
            bars[i] = new Bar(Btc, Interval.OneMinute, StartMs + i * 60_000L, Price.Parse("61837.63"), Price.Parse("61900.12"),
                Price.Parse("61800.01"), Price.Parse("61850.5"), 12.34567891m + i, 763_212.1234567812345678m + i, 42 + i, 1.5m, 92_000.12345678m);
        }
        _store.UpsertBars(bars);
        _day = bars[..BarsPerDay];
    }

    [GlobalSetup(Target = nameof(ReadBarsDay))]
    public void SetupReads()
    {
        Setup();
        for (int i = 0; i < 3_000; i++) ReadBarsDay();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        if (_clusterDirectory is not null) RunScript("stop", _clusterDirectory);
    }

    [IterationSetup(Target = nameof(AppendTrades))]
    public void NextTrades()
    {
        for (int i = 0; i < TradesPerBatch; i++)
        {
            long id = _nextId++;
            _trades[i] = new Trade(Btc, id, new Price(6_183_763_000_000 + id % 1000 * 1_000_000), new Quantity(1 + id % 777 * 12_345_679),
                StartMs + id, id % 2 == 0 ? AggressorSide.Buyer : AggressorSide.Seller);
        }
    }

    /// <summary>One transaction of 100k new trades in id order: binary COPY, then the insert of the new keys.</summary>
    [Benchmark]
    public int AppendTrades() => _store.AppendTrades(_trades);

    /// <summary>One transaction replacing a day of one-minute bars.</summary>
    [Benchmark]
    public void UpsertBarsDay() => _store.UpsertBars(_day);

    /// <summary>Reads a day of one-minute bars (1,440) out of a month of them, a different day each call.</summary>
    [Benchmark]
    public long ReadBarsDay()
    {
        long from = StartMs + _nextDay++ % Days * 86_400_000L;
        long sum = 0;
        foreach (Bar bar in _store.ReadBars(Btc, Interval.OneMinute, new TimeRange(from, from + 86_400_000L))) sum += bar.TradeCount;
        return sum;
    }

    private static string RunScript(string verb, string directory)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot(), "scripts", "postgres.sh"), verb, directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("bash did not start");
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"scripts/postgres.sh {verb} failed: {error.Result}");
    }

    private static string RepositoryRoot()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Tickwise.slnx"))) return dir.FullName;
        throw new DirectoryNotFoundException("Tickwise.slnx not found above the benchmark or the working directory");
    }

    /// <summary>One call per iteration, 50 iterations, and a P99 column.</summary>
    private sealed class SingleCallConfig : ManualConfig
    {
        public SingleCallConfig()
        {
            AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(10).WithIterationCount(50).WithInvocationCount(1).WithUnrollFactor(1));
            AddColumn(new P99Column());
        }
    }

    /// <summary>The 99th percentile of the iteration times.</summary>
    private sealed class P99Column : IColumn
    {
        public string Id => "P99";
        public string ColumnName => "P99";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Statistics;
        public int PriorityInCategory => 10;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Time;
        public string Legend => "99th percentile of single-call times";
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public bool IsAvailable(Summary summary) => true;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var statistics = summary[benchmarkCase]?.ResultStatistics;
            if (statistics is null) return "NA";
            double nanoseconds = statistics.Percentiles.Percentile(99);
            return (nanoseconds / 1_000_000).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) + " ms";
        }
    }
}
