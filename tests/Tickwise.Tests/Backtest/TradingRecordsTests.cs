using System.Text.Json;
using Tickwise.Backtest;
using Tickwise.Core.Market;
using Tickwise.Core.Strategies;
using Tickwise.Core.Trading;
using Tickwise.Storage;

namespace Tickwise.Tests.Backtest;

public class TradingRecordsTests
{
    private static readonly Symbol Fil = new("FILUSDT");
    private const long T0 = 1_700_000_040_000;

    /// <summary>A crossover entry through a paper broker: the runner's events, in order.</summary>
    private static List<TradingEvent> Events()
    {
        var broker = new PaperBroker([new SymbolFilters(Fil)], new FeeModel(0, 10), SlippageModel.None);
        broker.OnQuote(new Quote(Fil, 0, Price.Parse("99.5"), default, Price.Parse("100.5"), default, T0 + 300_000));
        var events = new List<TradingEvent>();
        var runner = new StrategyRunner(CrossoverStrategy.Create("fast=2", "slow=3", "ema=2", "notional=1000"), [Fil], broker, events.Add, clientIdPrefix: "run7");
        decimal[] closes = [50, 50, 50, 50, 100];
        for (int i = 0; i < closes.Length; i++)
        {
            Price p = Price.Parse(closes[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
            runner.OnBar(new Bar(Fil, Interval.OneMinute, T0 + i * 60_000L, p, p, p, p, 1m, 1m, 1, 0m, 0m));
        }
        return events;
    }

    private static JsonElement Json(StoredRecord record) => JsonDocument.Parse(record.Json).RootElement.Clone();

    [Fact]
    public void ToRecord_Signal_HasTheContractShape()
    {
        StoredRecord sut = TradingRecords.ToRecord(Events()[0]);
        sut.Kind.ShouldBe("signal");
        sut.Key.ShouldBe($"crossover:A:FILUSDT:{T0 + 300_000}");
        sut.TimeMs.ShouldBe(T0 + 300_000);
        JsonElement json = Json(sut);
        json.GetProperty("side").GetString().ShouldBe("buy");
        json.GetProperty("strength").GetString().ShouldBe("STRONG");
        json.GetProperty("price").GetRawText().ShouldBe("100");
        json.GetProperty("variant").GetString().ShouldBe("A");
        json.GetProperty("reason").GetString().ShouldBe("sma(2) crossed above sma(3)");
    }

    [Fact]
    public void ToRecord_OrderFillPosition_HaveTheContractShapes()
    {
        List<TradingEvent> events = Events();
        StoredRecord order = TradingRecords.ToRecord(events[1]);
        order.Kind.ShouldBe("order");
        order.Key.ShouldBe("run7-A-1");
        JsonElement o = Json(order);
        o.GetProperty("client_order_id").GetString().ShouldBe("run7-A-1");
        o.GetProperty("side").GetString().ShouldBe("buy");
        o.GetProperty("type").GetString().ShouldBe("market");
        o.GetProperty("quantity").GetRawText().ShouldBe("10");
        o.GetProperty("status").GetString().ShouldBe("filled");
        o.GetProperty("average_price").GetRawText().ShouldBe("100.5");
        o.GetProperty("fee").GetRawText().ShouldBe("1.005");
        o.GetProperty("broker").GetString().ShouldBe("paper");
        o.GetProperty("strategy").GetString().ShouldBe("crossover");
        o.TryGetProperty("price", out _).ShouldBeFalse();
        o.TryGetProperty("reject_reason", out _).ShouldBeFalse();

        StoredRecord fill = TradingRecords.ToRecord(events[2]);
        fill.Kind.ShouldBe("fill");
        fill.Key.ShouldBe("run7-A-1:10");
        Json(fill).GetProperty("price").GetRawText().ShouldBe("100.5");

        StoredRecord position = TradingRecords.ToRecord(events[3]);
        position.Kind.ShouldBe("position");
        position.Key.ShouldBe("crossover:A:FILUSDT");
        JsonElement p = Json(position);
        p.GetProperty("quantity").GetRawText().ShouldBe("10");
        p.GetProperty("average_price").GetRawText().ShouldBe("100.5");
        p.GetProperty("realized_pnl").GetRawText().ShouldBe("-1.005");
        p.GetProperty("unrealized_pnl").GetRawText().ShouldBe("-5");
        p.GetProperty("last_price").GetRawText().ShouldBe("100");
        p.GetProperty("opened_ms").GetInt64().ShouldBe(T0 + 300_000);
    }

    [Fact]
    public void ToRecord_RejectedOrder_CarriesTheReason()
    {
        var broker = new PaperBroker([new SymbolFilters(Fil)], FeeModel.None, SlippageModel.None);
        Order order = broker.Place(new OrderRequest("x1", Fil, OrderSide.Sell, OrderType.Limit, Quantity.Parse("0"), Price.Parse("5")));
        JsonElement json = Json(TradingRecords.ToRecord(new TradingEvent(TradingEventKind.Order, Order: order)));
        json.GetProperty("status").GetString().ShouldBe("rejected");
        json.GetProperty("reject_reason").GetString().ShouldBe("quantity 0 is not positive");
        json.GetProperty("price").GetRawText().ShouldBe("5");
        json.GetProperty("type").GetString().ShouldBe("limit");
    }
}
