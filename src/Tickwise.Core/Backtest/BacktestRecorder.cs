using Tickwise.Core.Market;
using Tickwise.Core.Strategies;
using Tickwise.Core.Trading;

namespace Tickwise.Core.Backtest;

/// <summary>Collects what a backtest's <see cref="StrategyRunner"/> reports: its signals, and its fills turned into round
/// trips per variant and symbol, with the traded notional.</summary>
/// <remarks>Why not the runner's <see cref="TradingEvent"/> callback: an event is a struct of some 300 bytes built and
/// copied per signal and fill, and the callback had to look the variant and symbol up again by name; the runner calls
/// this directly with their indices. Buffers are pooled (<see cref="PooledBuffer{T}"/>): <see cref="Dispose"/> after
/// taking the results.</remarks>
internal sealed class BacktestRecorder : IDisposable
{
    private readonly int _symbols;
    private readonly TradeBuilder[] _builders;
    private readonly PooledBuffer<decimal>[] _tradePnls;
    private PooledBuffer<BacktestTrade> _trades = new(); // mutable structs: fields, never readonly, never copied
    private PooledBuffer<Signal> _signals = new();

    /// <summary>Creates a recorder of <paramref name="variants"/> on <paramref name="symbols"/>, in the runner's order.</summary>
    public BacktestRecorder(IReadOnlyList<string> variants, IReadOnlyList<Symbol> symbols)
    {
        _symbols = symbols.Count;
        _builders = new TradeBuilder[variants.Count * _symbols];
        for (int v = 0; v < variants.Count; v++)
            for (int s = 0; s < _symbols; s++) _builders[v * _symbols + s] = new TradeBuilder(variants[v], symbols[s]);
        _tradePnls = new PooledBuffer<decimal>[variants.Count];
        for (int v = 0; v < variants.Count; v++) _tradePnls[v] = new PooledBuffer<decimal>();
        Notional = new decimal[variants.Count];
    }

    /// <summary>Fills so far.</summary>
    public int FillCount { get; private set; }

    /// <summary>Each variant's traded notional (Σ quantity × price of its fills).</summary>
    public decimal[] Notional { get; }

    /// <summary>The completed trades, in the order they completed.</summary>
    public ReadOnlySpan<BacktestTrade> Trades => _trades.Span;

    /// <summary>Returns the P&amp;L of each completed trade of <paramref name="variant"/>, in order.</summary>
    public ReadOnlySpan<decimal> TradePnls(int variant) => _tradePnls[variant].Span;

    /// <summary>Takes a signal.</summary>
    public void OnSignal(in Signal signal) => _signals.Add(signal);

    /// <summary>Takes a fill of <paramref name="variant"/> in the <paramref name="symbolIndex"/>-th symbol.</summary>
    public void OnFill(int variant, int symbolIndex, in Fill fill)
    {
        FillCount++;
        Notional[variant] += fill.Notional;
        if (_builders[variant * _symbols + symbolIndex].Apply(fill) is { } trade)
        {
            _trades.Add(trade);
            _tradePnls[variant].Add(trade.Pnl);
        }
    }

    /// <summary>Returns the trades in an array of their count.</summary>
    public BacktestTrade[] TradesToArray() => _trades.ToArray();

    /// <summary>Returns the signals in an array of their count.</summary>
    public Signal[] SignalsToArray() => _signals.ToArray();

    /// <summary>Returns the pooled buffers.</summary>
    public void Dispose()
    {
        _trades.Dispose();
        _signals.Dispose();
        for (int v = 0; v < _tradePnls.Length; v++) _tradePnls[v].Dispose();
    }
}
