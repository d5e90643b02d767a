using BenchmarkDotNet.Attributes;
using Tickwise.Binance.Files;
using Tickwise.Core.Market;

namespace Tickwise.Bench;

/// <summary>Reading whole dump files: CSV trades (21,313 lines) and a zipped month of 1-minute klines (44,640 lines).</summary>
[MemoryDiagnoser]
public class FileReaderBenchmarks
{
    private DumpFileInfo _trades = null!;
    private DumpFileInfo _klines = null!;
    private long _count;

    [GlobalSetup]
    public void Setup()
    {
        _trades = DumpFile.Detect(ParserBenchmarks.Data("trades", "BTCUSDT-trades-usdm-20240808T235416-20240808T235959.csv"));
        _klines = DumpFile.Detect(ParserBenchmarks.Data("klines", "1m", "FILUSDT-1m-2023-08.zip"));
    }

    [Benchmark(OperationsPerInvoke = 21_313)]
    public long TradesCsvPerLine() => DumpFileReader.ReadTrades(_trades, OnTrades).Rows;

    [Benchmark(OperationsPerInvoke = 44_640)]
    public long KlinesZipPerLine() => DumpFileReader.ReadBars(_klines, OnBars).Rows;

    private void OnTrades(ReadOnlySpan<Trade> batch) => _count += batch.Length;

    private void OnBars(ReadOnlySpan<Bar> batch) => _count += batch.Length;
}
