using Tickwise.Binance.Client;
using Tickwise.Core.Market;

namespace Tickwise.Binance.Tests.Client;

public class StreamSymbolStatusTests
{
    [Fact]
    public void TryTakeGap_LoggingOff_CountsButLogsNothing()
    {
        var sut = new StreamSymbolStatus(new Symbol("BTCUSDT"));

        sut.OnLost(10, 14);
        sut.OnRepairing(20, 29);

        sut.TradesLost.ShouldBe(5);
        sut.LogsGaps.ShouldBeFalse();
        sut.TryTakeGap(out _).ShouldBeFalse();
        sut.TryPeekGap(out _).ShouldBeFalse();
    }

    [Fact]
    public void TryTakeGap_LoggingOn_ReturnsTheGapsInOrder()
    {
        var sut = new StreamSymbolStatus(new Symbol("BTCUSDT"));
        sut.LogGaps();

        sut.OnRepairing(20, 29);
        sut.OnLost(30, 30);

        sut.TryPeekGap(out TradeGap peeked).ShouldBeTrue();
        peeked.ShouldBe(new TradeGap(TradeGapKind.Repaired, 20, 29));
        sut.TryTakeGap(out TradeGap first).ShouldBeTrue();
        first.Count.ShouldBe(10);
        sut.TryTakeGap(out TradeGap second).ShouldBeTrue();
        second.ShouldBe(new TradeGap(TradeGapKind.Missing, 30, 30));
        sut.TryTakeGap(out _).ShouldBeFalse();
        sut.TradesLost.ShouldBe(1);
    }

    [Fact]
    public void OnParseErrorAndOnQuote_CountAndRemember()
    {
        var sut = new StreamSymbolStatus(new Symbol("BTCUSDT"));
        sut.LastQuoteUpdateId.ShouldBe(-1);

        sut.OnParseError();
        sut.OnParseError();
        sut.OnQuote(77);
        sut.OnDuplicateQuote();

        sut.ParseErrors.ShouldBe(2);
        sut.LastQuoteUpdateId.ShouldBe(77);
        sut.DuplicateQuotes.ShouldBe(1);
    }
}
