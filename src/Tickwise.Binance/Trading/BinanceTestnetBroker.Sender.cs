using Tickwise.Binance.Client;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Trading;

public sealed partial class BinanceTestnetBroker
{
    private enum RequestKind : byte { Place, Cancel }

    private enum OutcomeKind : byte { Placed, Rejected, Update, CancelSettled, Warning }

    /// <summary>The background loop, the only user of the client: sends requests in the order they were made (a cancel
    /// never overtakes its order's placement), and polls resting orders while there are any.</summary>
    /// <remarks>Its own table of resting orders is touched by this task only; what it learns reaches the caller's thread
    /// through <see cref="_outcomes"/>.</remarks>
    private async Task SendLoopAsync()
    {
        var resting = new Dictionary<long, Resting>();
        CancellationToken stop = _stop.Token;
        Task<bool>? readable = null;
        Task? pollDue = null;
        try
        {
            while (true)
            {
                readable ??= _requests.Reader.WaitToReadAsync(stop).AsTask();
                if (resting.Count > 0)
                {
                    pollDue ??= Task.Delay(_options.PollInterval, _time, stop);
                    await Task.WhenAny(readable, pollDue).ConfigureAwait(false);
                }
                else await readable.ConfigureAwait(false);

                if (readable.IsCompleted)
                {
                    if (!await readable.ConfigureAwait(false)) return;
                    readable = null;
                    while (_requests.Reader.TryRead(out Request? request))
                    {
                        try { await SendAsync(request, resting, stop).ConfigureAwait(false); }
                        finally { Interlocked.Decrement(ref _inFlight); }
                    }
                }
                if (pollDue is { IsCompleted: true })
                {
                    pollDue = null;
                    await PollAsync(resting, stop).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    private async Task SendAsync(Request request, Dictionary<long, Resting> resting, CancellationToken stop)
    {
        if (request.Kind == RequestKind.Place)
        {
            BinanceOrder answer;
            try
            {
                answer = await _client.PlaceOrderAsync(request.Order!, stop).ConfigureAwait(false);
            }
            catch (BinanceApiException e) when (e.HttpStatus < 500)
            {
                // A 4xx (or a rate limit waited out in vain): Binance did not process it.
                _outcomes.Enqueue(new Outcome(OutcomeKind.Rejected, request.OrderId, true, Reason: "the exchange refused the order: " + e.Message));
                return;
            }
            catch (BinanceOrderValidationException e)
            {
                _outcomes.Enqueue(new Outcome(OutcomeKind.Rejected, request.OrderId, true, Reason: e.Message));
                return;
            }
            catch (Exception e) when (e is BinanceApiException or BinanceRestException or HttpRequestException or TaskCanceledException && !stop.IsCancellationRequested)
            {
                // A 5xx, a timeout, a dropped connection: the order may exist. Look it up by client id from now on.
                resting[request.OrderId] = new Resting(request.Symbol, request.ClientOrderId, Confirmed: false, 0);
                _outcomes.Enqueue(new Outcome(OutcomeKind.Warning, request.OrderId, true,
                    Reason: $"order {request.ClientOrderId}: its placement has no clear answer ({e.Message}); looking it up on the exchange"));
                return;
            }
            if (!IsFinal(answer.Status)) resting[request.OrderId] = new Resting(request.Symbol, request.ClientOrderId, Confirmed: true, answer.ExecutedQuantity.Raw);
            _outcomes.Enqueue(new Outcome(OutcomeKind.Placed, request.OrderId, true, answer,
                CommissionPrices: await FillCommissionPricesAsync(request.Symbol, answer.Fills, stop).ConfigureAwait(false)));
            return;
        }

        if (!resting.TryGetValue(request.OrderId, out Resting? known))
        {
            // Nothing rests: the order was refused, or filled, before the cancel came up; its outcome is already queued.
            _outcomes.Enqueue(new Outcome(OutcomeKind.CancelSettled, request.OrderId, true));
            return;
        }
        try
        {
            BinanceOrder answer = await _client.CancelOrderAsync(known.Symbol, known.ClientOrderId, stop).ConfigureAwait(false);
            resting.Remove(request.OrderId);
            IReadOnlyList<BinanceTrade>? trades = await TradesSinceAsync(known, answer, request.OrderId, stop).ConfigureAwait(false);
            _outcomes.Enqueue(new Outcome(OutcomeKind.CancelSettled, request.OrderId, true, answer, Trades: trades,
                CommissionPrices: await TradeCommissionPricesAsync(known.Symbol, trades, stop).ConfigureAwait(false)));
        }
        catch (Exception e) when (e is BinanceApiException or BinanceRestException)
        {
            // -2011 (unknown order) usually means it filled meanwhile: the next poll finds out; say why it was not canceled.
            _outcomes.Enqueue(new Outcome(OutcomeKind.CancelSettled, request.OrderId, true,
                Reason: $"order {known.ClientOrderId}: the cancel failed: {e.Message}"));
        }
    }

    /// <summary>Reads back every resting order: one <c>openOrders</c> request per symbol, and an order query for each order
    /// that left the list (to learn how it ended) or whose placement had no clear answer.</summary>
    private async Task PollAsync(Dictionary<long, Resting> resting, CancellationToken stop)
    {
        var bySymbol = new Dictionary<Symbol, Dictionary<string, BinanceOrder>?>();
        foreach (Resting r in resting.Values) bySymbol.TryAdd(r.Symbol, null);
        foreach (Symbol symbol in bySymbol.Keys.ToArray())
        {
            try
            {
                IReadOnlyList<BinanceOrder> open = await _client.GetOpenOrdersAsync(symbol, stop).ConfigureAwait(false);
                var byClientId = new Dictionary<string, BinanceOrder>(StringComparer.Ordinal);
                foreach (BinanceOrder o in open) byClientId[o.ClientOrderId] = o;
                bySymbol[symbol] = byClientId;
            }
            catch (Exception e) when (e is BinanceApiException or BinanceRestException)
            {
                _outcomes.Enqueue(new Outcome(OutcomeKind.Warning, 0, false, Reason: $"{symbol}: reading the open orders failed: {e.Message}; trying again in {_options.PollInterval.TotalSeconds:0.#} s"));
            }
        }
        foreach ((long orderId, Resting r) in resting.ToArray())
        {
            Dictionary<string, BinanceOrder>? open = bySymbol[r.Symbol];
            if (open is null) continue;
            if (r.Confirmed && open.TryGetValue(r.ClientOrderId, out BinanceOrder? current))
            {
                IReadOnlyList<BinanceTrade>? sinceLast = await TradesSinceAsync(r, current, orderId, stop).ConfigureAwait(false);
                if (sinceLast is not null) resting[orderId] = r with { ExecutedRaw = current.ExecutedQuantity.Raw };
                _outcomes.Enqueue(new Outcome(OutcomeKind.Update, orderId, false, current, Trades: sinceLast,
                    CommissionPrices: await TradeCommissionPricesAsync(r.Symbol, sinceLast, stop).ConfigureAwait(false)));
                continue;
            }
            try
            {
                BinanceOrder answer = await _client.GetOrderAsync(r.Symbol, r.ClientOrderId, stop).ConfigureAwait(false);
                IReadOnlyList<BinanceTrade>? trades = await TradesSinceAsync(r, answer, orderId, stop).ConfigureAwait(false);
                if (IsFinal(answer.Status)) resting.Remove(orderId);
                else resting[orderId] = r with { Confirmed = true, ExecutedRaw = trades is null ? r.ExecutedRaw : answer.ExecutedQuantity.Raw };
                _outcomes.Enqueue(new Outcome(OutcomeKind.Update, orderId, false, answer, Trades: trades,
                    CommissionPrices: await TradeCommissionPricesAsync(r.Symbol, trades, stop).ConfigureAwait(false)));
            }
            catch (BinanceApiException e) when (e.Code == NoSuchOrder && !r.Confirmed)
            {
                resting.Remove(orderId);
                _outcomes.Enqueue(new Outcome(OutcomeKind.Rejected, orderId, false, Reason: "the exchange has no such order: its placement did not reach the exchange"));
            }
            catch (Exception e) when (e is BinanceApiException or BinanceRestException)
            {
                _outcomes.Enqueue(new Outcome(OutcomeKind.Warning, orderId, false, Reason: $"order {r.ClientOrderId}: reading its status failed: {e.Message}"));
            }
        }
    }

    /// <summary>When <paramref name="answer"/> shows more filled than <paramref name="known"/> last did, returns the
    /// order's trades (<c>myTrades</c>: prices, maker or taker, and the fees an order query lacks); otherwise null, and
    /// null with a warning when they cannot be read (the fill is then applied from the totals, without a fee).</summary>
    private async Task<IReadOnlyList<BinanceTrade>?> TradesSinceAsync(Resting known, BinanceOrder answer, long orderId, CancellationToken stop)
    {
        if (answer.ExecutedQuantity.Raw <= known.ExecutedRaw) return null;
        try
        {
            return await _client.GetOrderTradesAsync(known.Symbol, answer.OrderId, stop).ConfigureAwait(false);
        }
        catch (Exception e) when (e is BinanceApiException or BinanceRestException)
        {
            _outcomes.Enqueue(new Outcome(OutcomeKind.Warning, orderId, false,
                Reason: $"order {known.ClientOrderId}: reading its trades failed ({e.Message}); its fill is applied from the order's totals, without a fee"));
            return null;
        }
    }

    /// <summary>Binance's "order does not exist".</summary>
    private const int NoSuchOrder = -2013;

    private static bool IsFinal(BinanceOrderStatus status) =>
        status is BinanceOrderStatus.Filled or BinanceOrderStatus.Canceled or BinanceOrderStatus.Expired or BinanceOrderStatus.ExpiredInMatch or BinanceOrderStatus.Rejected;

    private sealed record Request(RequestKind Kind, long OrderId, Symbol Symbol, string ClientOrderId, BinanceNewOrder? Order);

    /// <summary>An order the sender watches; <paramref name="ExecutedRaw"/> is the filled quantity whose trades were last read.</summary>
    private sealed record Resting(Symbol Symbol, string ClientOrderId, bool Confirmed, long ExecutedRaw);

    /// <summary>What the sender learned, for <see cref="Pump"/>; <paramref name="AnswersRequest"/> when it settles a request;
    /// <paramref name="CommissionPrices"/> values the fees its fills or trades charge in a third asset.</summary>
    private sealed record Outcome(OutcomeKind Kind, long OrderId, bool AnswersRequest, BinanceOrder? Answer = null, string? Reason = null,
        IReadOnlyList<BinanceTrade>? Trades = null, Dictionary<string, CommissionPrice>? CommissionPrices = null);
}
