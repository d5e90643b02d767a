using BenchmarkDotNet.Attributes;
using Tickwise.Alerts;
using Tickwise.Core.Alerts;
using Tickwise.Core.Market;

namespace Tickwise.Bench;

/// <summary>Alert evaluation per market event: a trade against price rules, a closed bar against volume and volatility rules,
/// and a quote through the pipeline observer with a book-pressure and a crossover rule.</summary>
/// <remarks>Each benchmark feeds <see cref="Events"/> events and reports the time of one (OperationsPerInvoke). The prices
/// wander near 60000 and the rules' levels sit far from them, so nothing fires: the common path, which allocates nothing.</remarks>
[MemoryDiagnoser]
public class AlertEngineBenchmarks
{
    public const int Events = 100_000;
    private static readonly Symbol Btc = new("BTCUSDT");
    private static readonly Symbol Eth = new("ETHUSDT");
    private Price[] _prices = [];
    private Bar[] _bars = [];
    private Quote[] _quotes = [];
    private AlertEngine _engine = null!;
    private AlertObserver _observer = null!;

    /// <summary>Price rules on the traded symbol.</summary>
    [Params(1, 10)]
    public int Rules { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _prices = new Price[Events];
        _bars = new Bar[Events];
        _quotes = new Quote[Events];
        double p = 60_000;
        const long start = 1_723_075_200_000;
        for (int i = 0; i < Events; i++)
        {
            p += random.NextDouble() - 0.5;
            Price price = new((long)(Math.Round(p, 2) * 1e8));
            _prices[i] = price;
            _bars[i] = new Bar(Btc, Interval.OneMinute, start + i * 60_000L, price, price, price, price, 1m + (decimal)random.NextDouble(), 60_000m, 10, 0m, 0m);
            _quotes[i] = new Quote(Btc, i, price, new Quantity(100_000_000 + random.Next(1_000_000)), new Price(price.Raw + 1_000_000), new Quantity(100_000_000), start + i);
        }

        _engine = new AlertEngine(_ => throw new InvalidOperationException("nothing should fire"));
        for (int i = 0; i < Rules; i++)
        {
            _engine.Add(new AlertRule { Id = $"above{i}", Type = AlertType.PriceAbove, Symbol = Btc, Threshold = 1_000_000 + i, CooldownS = 60, Hysteresis = 10 });
            _engine.Add(new AlertRule { Id = $"other{i}", Type = AlertType.PriceBelow, Symbol = Eth, Threshold = 1 + i });
        }
        _engine.Add(new AlertRule { Id = "spike", Type = AlertType.VolumeSpike, Symbol = Btc, Threshold = 1000, Window = 20 });
        _engine.Add(new AlertRule { Id = "vol", Type = AlertType.VolatilityChange, Symbol = Btc, Threshold = 1000, Window = 60, ShortWindow = 10 });
        _engine.Add(new AlertRule { Id = "pressure", Type = AlertType.BookPressure, Symbol = Eth });
        _engine.Add(new AlertRule { Id = "cross", Type = AlertType.Crossover, Symbol = Eth });
        _observer = new AlertObserver(_engine);
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public void OnPrice()
    {
        AlertEngine engine = _engine;
        for (int i = 0; i < _prices.Length; i++) engine.OnPrice(Btc, 1_723_075_200_000 + i, _prices[i]);
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public void OnBarClosed()
    {
        AlertEngine engine = _engine;
        for (int i = 0; i < _bars.Length; i++) engine.OnBarClosed(in _bars[i]);
    }

    /// <summary>Quotes of a symbol without quote rules through the observer (a dictionary miss), the pipeline's common case.</summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public void ObserverOnQuote()
    {
        AlertObserver observer = _observer;
        for (int i = 0; i < _quotes.Length; i++) observer.OnQuote(in _quotes[i]);
    }
}
