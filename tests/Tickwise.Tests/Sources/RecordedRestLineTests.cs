using System.Text;
using Tickwise.Binance.Client;
using Tickwise.Core.Market;
using Tickwise.Sources;

namespace Tickwise.Tests.Sources;

public class RecordedRestLineTests
{
    [Theory]
    [InlineData(RestAnswerKind.DepthSnapshot, "btcusdt@depthSnapshot", """{"lastUpdateId":1,"bids":[],"asks":[]}""")]
    [InlineData(RestAnswerKind.AggTrades, "btcusdt@aggTradeRepair", """[{"a":1}]""")]
    [InlineData(RestAnswerKind.HistoricalTrades, "btcusdt@tradeRepair", "[]")]
    public void Wrap_ThenTryRead_GivesBackTheSymbolKindAndData(RestAnswerKind kind, string stream, string body)
    {
        byte[] sut = RecordedRestLine.Wrap(new Symbol("BTCUSDT"), kind, Encoding.UTF8.GetBytes(body));

        Encoding.UTF8.GetString(sut).ShouldBe($$"""{"stream":"{{stream}}","data":{{body}}}""");
        RecordedRestLine.TryRead(sut, out Symbol symbol, out RestAnswerKind read, out Range data).ShouldBeTrue();
        symbol.ShouldBe(new Symbol("BTCUSDT"));
        read.ShouldBe(kind);
        Encoding.UTF8.GetString(sut.AsSpan()[data]).ShouldBe(body);
    }

    [Theory]
    [InlineData("""{"stream":"btcusdt@aggTrade","data":{"e":"aggTrade"}}""")] // an exchange frame
    [InlineData("""{"stream":"btcusdt@depth@100ms","data":{}}""")]
    [InlineData("""{"lastUpdateId":1,"bids":[],"asks":[]}""")] // an un-wrapped snapshot: the replay's other path
    [InlineData("""{"stream":"@depthSnapshot","data":{}}""")]
    [InlineData("""{"stream":"btc usdt@depthSnapshot","data":{}}""")]
    [InlineData("""{"stream":"btcusdt@depthSnapshot","dat":{}}""")]
    [InlineData("""{"stream":"btcusdt@depthSnapshot","data":{"lastUpdateId":1""")] // cut short
    [InlineData("""{"stream":"btcusdt@depthSnapshot""")]
    [InlineData("""{"stream":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@tradeRepair","data":[]}""")]
    [InlineData("")]
    public void TryRead_AnythingElse_False(string line)
    {
        RecordedRestLine.TryRead(Encoding.UTF8.GetBytes(line), out _, out _, out _).ShouldBeFalse();
    }

    [Fact]
    public void TryRead_RandomMutations_NeverThrows()
    {
        byte[] valid = RecordedRestLine.Wrap(new Symbol("ETHUSDT"), RestAnswerKind.DepthSnapshot, """{"lastUpdateId":1,"bids":[["1","2"]],"asks":[]}"""u8);
        var random = new Random(3);
        for (int i = 0; i < 5000; i++)
        {
            byte[] bytes = (byte[])valid.Clone();
            for (int j = 0; j < 1 + random.Next(4); j++) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            Should.NotThrow(() => RecordedRestLine.TryRead(bytes, out _, out _, out _));
        }
    }
}
