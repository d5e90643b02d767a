using Tickwise.Core.Market;
using Tickwise.Core.Trading;

namespace Tickwise.Core.Backtest;

/// <summary>Turns one variant's fills in one symbol into round trips (see <see cref="BacktestTrade"/>).</summary>
internal sealed class TradeBuilder(string variant, Symbol symbol)
{
    private decimal _position, _entryQuantity, _entryCost, _exitQuantity, _exitCost, _fees;
    private long _entryTimeMs;
    private int _direction;

    /// <summary>Takes the next fill; returns the trade it completes, if any.</summary>
    public BacktestTrade? Apply(in Fill fill)
    {
        decimal delta = fill.SignedQuantity, size = Math.Abs(delta);
        if (_position == 0) Open(Math.Sign(delta), fill.TimeMs);
        if (Math.Sign(delta) == _direction)
        {
            _entryQuantity += size;
            _entryCost += size * fill.Price;
            _fees += fill.Fee;
            _position += delta;
            return null;
        }

        decimal closing = Math.Min(size, Math.Abs(_position));
        _exitQuantity += closing;
        _exitCost += closing * fill.Price;
        _fees += fill.Fee * closing / size;
        _position += _direction < 0 ? closing : -closing;
        if (_position != 0) return null;

        decimal pnl = _direction * (_exitCost - _entryCost * (_exitQuantity / _entryQuantity)) - _fees;
        var trade = new BacktestTrade(variant, symbol, _direction > 0 ? OrderSide.Buy : OrderSide.Sell, _entryTimeMs, fill.TimeMs,
            _entryQuantity, _entryCost / _entryQuantity, _exitCost / _exitQuantity, pnl, _entryCost == 0 ? 0 : pnl / _entryCost);
        decimal rest = size - closing;
        if (rest > 0)
        {
            Open(Math.Sign(delta), fill.TimeMs);
            _entryQuantity = rest;
            _entryCost = rest * fill.Price;
            _fees = fill.Fee * rest / size;
            _position = Math.Sign(delta) * rest;
        }
        return trade;
    }

    private void Open(int direction, long timeMs)
    {
        _direction = direction;
        _entryTimeMs = timeMs;
        _entryQuantity = _entryCost = _exitQuantity = _exitCost = _fees = 0;
    }
}
