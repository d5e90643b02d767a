using System.Globalization;
using Tickwise.Core.Market;
using Tickwise.Core.Trading;

namespace Tickwise.Binance.Trading;

public sealed partial class BinanceTestnetBroker
{
    /// <summary>Applies the exchange's answers that arrived since the last call, on the caller's thread: fills (raising
    /// <see cref="Filled"/>), rejections, cancels (raising <see cref="OrderUpdated"/>) and warnings.</summary>
    /// <returns>How many answers were applied; zero costs one look at an empty queue.</returns>
    public int Pump()
    {
        int applied = 0;
        while (_outcomes.TryDequeue(out Outcome? outcome))
        {
            applied++;
            if (outcome.AnswersRequest && _awaiting.TryGetValue(outcome.OrderId, out int waiting))
            {
                if (waiting <= 1) _awaiting.Remove(outcome.OrderId);
                else _awaiting[outcome.OrderId] = waiting - 1;
            }
            if (outcome.Kind == OutcomeKind.Warning)
            {
                Warning?.Invoke(outcome.Reason!);
                continue;
            }
            if (outcome.Kind == OutcomeKind.CancelSettled) _cancelRequested.Remove(outcome.OrderId);
            if (!_orders.TryGetValue(outcome.OrderId, out Order? order) || !order.IsOpen)
            {
                if (outcome.Reason is { } late) Warning?.Invoke(late);
                continue;
            }
            OrderStatus before = order.Status;
            Quantity filledBefore = order.FilledQuantity;
            if (outcome.Kind == OutcomeKind.Rejected)
            {
                if (order.FilledQuantity.Raw == 0) order.Reject(outcome.Reason!);
                else order.MarkCanceled();
            }
            else if (outcome.Answer is { } answer)
            {
                ApplyAnswer(order, answer, outcome.Kind == OutcomeKind.Placed, outcome.Trades, outcome.CommissionPrices);
            }
            if (outcome.Kind == OutcomeKind.CancelSettled && outcome.Reason is { } reason) Warning?.Invoke(reason);
            if (!order.IsOpen)
            {
                _open.Remove(order);
                _cancelRequested.Remove(order.Id);
                _quoteFilled.Remove(order.Id);
            }
            if (order.Status != before || order.FilledQuantity != filledBefore) OrderUpdated?.Invoke(order);
        }
        return applied;
    }

    /// <summary>Brings <paramref name="order"/> to the state Binance reports: the fills of a FULL answer one by one, the
    /// order's trades (with their fees) beyond what is applied, or else what filled since the last look as one fill; then
    /// a final status.</summary>
    private void ApplyAnswer(Order order, BinanceOrder answer, bool placed, IReadOnlyList<BinanceTrade>? trades, Dictionary<string, CommissionPrice>? prices)
    {
        SymbolState state = _symbols[order.Request.Symbol];
        long timeMs = answer.UpdateTimeMs > 0 ? answer.UpdateTimeMs : answer.TimeMs > 0 ? answer.TimeMs : _timeMs;
        if (placed)
        {
            // Fills in a new-order answer took liquidity at once: taker fills, even for a limit order that crossed.
            foreach (BinanceFill f in answer.Fills)
            {
                decimal price = f.Price.ToDecimal();
                Execute(order, state, f.Quantity, price, Fee(state, f.Commission, f.CommissionAsset, price, prices), isMaker: false, timeMs);
            }
        }
        if (trades is not null) ApplyTrades(order, state, trades, prices);
        long missing = answer.ExecutedQuantity.Raw - order.FilledQuantity.Raw;
        if (missing > 0)
        {
            // A poll or cancel answer (or a non-FULL one) gives totals only: the difference is one fill at its average price.
            decimal quantity = FixedPointQuantity(missing);
            decimal quote = answer.CumulativeQuoteQuantity - _quoteFilled.GetValueOrDefault(order.Id);
            decimal price = quote > 0 ? quote / quantity : answer.Price.ToDecimal();
            Execute(order, state, new Quantity(missing), price, 0m, isMaker: order.Request.Type == OrderType.Limit && !placed, timeMs);
        }
        if (!order.IsOpen) return;
        switch (answer.Status)
        {
            case BinanceOrderStatus.Canceled or BinanceOrderStatus.Expired or BinanceOrderStatus.ExpiredInMatch or BinanceOrderStatus.Rejected:
                if (order.FilledQuantity.Raw == 0 && answer.Status != BinanceOrderStatus.Canceled)
                    order.Reject($"the exchange answered {StatusName(answer.Status)} (order {answer.OrderId.ToString(CultureInfo.InvariantCulture)}) with nothing filled");
                else order.MarkCanceled();
                break;
            case BinanceOrderStatus.Filled:
                // Filled by the exchange's count but not ours (fills quantities beyond what was asked are clamped): close it.
                order.MarkCanceled();
                Warning?.Invoke($"order {order.Request.ClientOrderId}: the exchange reports it filled at {answer.ExecutedQuantity}, {order.FilledQuantity} applied here");
                break;
        }
    }

    /// <summary>Applies the part of the order's trades (all of them, oldest first) beyond its filled quantity: what a FULL
    /// answer or an earlier look applied is skipped by quantity, so nothing counts twice.</summary>
    private void ApplyTrades(Order order, SymbolState state, IReadOnlyList<BinanceTrade> trades, Dictionary<string, CommissionPrice>? prices)
    {
        long covered = 0;
        foreach (BinanceTrade trade in trades)
        {
            if (trade.Quantity.Raw <= 0) continue;
            long end = covered + trade.Quantity.Raw;
            long applied = order.FilledQuantity.Raw;
            if (end > applied)
            {
                long part = end - Math.Max(covered, applied);
                decimal price = trade.Price.ToDecimal();
                // A trade applied in part (an earlier look took the rest from the totals) carries its share of the fee.
                decimal commission = part == trade.Quantity.Raw ? trade.Commission : trade.Commission * part / trade.Quantity.Raw;
                Execute(order, state, new Quantity(part), price, Fee(state, commission, trade.CommissionAsset, price, prices), trade.IsMaker, trade.TimeMs > 0 ? trade.TimeMs : _timeMs);
            }
            covered = end;
        }
    }

    private void Execute(Order order, SymbolState state, Quantity quantity, decimal price, decimal fee, bool isMaker, long timeMs)
    {
        if (quantity.Raw > order.RemainingQuantity.Raw) quantity = order.RemainingQuantity;
        if (quantity.Raw <= 0 || !order.IsOpen) return;
        var fill = new Fill(order.Id, order.Request.Symbol, order.Request.Side, quantity, price, fee, isMaker, timeMs);
        order.ApplyFill(fill);
        _quoteFilled[order.Id] = _quoteFilled.GetValueOrDefault(order.Id) + fill.Notional;
        state.Position.Apply(fill);
        Filled?.Invoke(order, fill);
    }

    /// <summary>A commission in the quote asset: as charged, in the base asset at the fill price, in a third asset at the
    /// price the sender read for it (zero, with a warning once per asset, when it has none).</summary>
    private decimal Fee(SymbolState state, decimal commission, string asset, decimal price, Dictionary<string, CommissionPrice>? prices)
    {
        if (commission == 0 || asset == state.Exchange.QuoteAsset || state.Exchange.QuoteAsset.Length == 0) return commission;
        if (asset == state.Exchange.BaseAsset) return commission * price;
        CommissionPrice? known = prices?.GetValueOrDefault(asset);
        if (known?.Value is { } value) return commission * value;
        if (_unconvertedAssets.Add(asset))
            Warning?.Invoke($"{state.Exchange.Symbol}: commissions in {asset} cannot be valued in {state.Exchange.QuoteAsset} " +
                $"({known?.Problem ?? "no price"}); they count as zero in fees and P&L until a price can be read");
        return 0m;
    }

    private static string StatusName(BinanceOrderStatus status) => status switch
    {
        BinanceOrderStatus.Expired => "EXPIRED",
        BinanceOrderStatus.ExpiredInMatch => "EXPIRED_IN_MATCH",
        BinanceOrderStatus.Rejected => "REJECTED",
        _ => "CANCELED",
    };

    private static decimal FixedPointQuantity(long raw) => new Quantity(raw).ToDecimal();
}
