using BenchmarkDotNet.Attributes;
using Tickwise.Core.Market;
using Tickwise.Core.Simulation;

namespace Tickwise.Bench;

/// <summary>Throughput of <see cref="MarketSimulator.TryNext"/>: events per second and bytes allocated per event.</summary>
/// <remarks>
/// The simulator is created once and the stream continues across invocations, so the figures are those of steady
/// state (construction is not per event). One operation is one event.
/// </remarks>
[MemoryDiagnoser]
public class SimulatorBenchmarks
{
    private const int EventsPerInvoke = 100_000;
    private MarketSimulator _sut = null!;

    /// <summary>How many well-known symbols are simulated (BTCUSDT and ETHUSDT are a cointegrated pair from 2 on).</summary>
    [Params(1, 4, 10)]
    public int Symbols { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string[] names = ["BTCUSDT", "ETHUSDT", "SOLUSDT", "BNBUSDT", "XRPUSDT", "DOGEUSDT", "ADAUSDT", "LTCUSDT", "AVAXUSDT", "LINKUSDT"];
        _sut = new MarketSimulator(SimulatorOptions.Default(names[..Symbols]) with { Seed = 1 });
    }

    [Benchmark(OperationsPerInvoke = EventsPerInvoke)]
    public long TryNext()
    {
        long checksum = 0;
        for (int i = 0; i < EventsPerInvoke; i++)
        {
            _sut.TryNext(out MarketEvent e);
            checksum += e.TimestampMs;
        }
        return checksum;
    }
}
