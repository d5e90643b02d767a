using Tickwise.Core.Backtest;
using Tickwise.Core.Market;
using static Tickwise.Core.Tests.Strategies.StrategyTestData;

namespace Tickwise.Core.Tests.Backtest;

public class BarAlignmentTests
{
    [Fact]
    public void Align_MissingMinutesOnEitherSide_KeepsOnlySharedOpenTimes()
    {
        Bar[] a = MakeBars(Fil, [1, 2, 3, 4, 5, 6]);
        Bar[] b = MakeBars(Near, [1, 2, 3, 4, 5, 6]);
        Bar[] gappedA = [a[0], a[1], a[3], a[4], a[5]];
        Bar[] gappedB = [b[1], b[2], b[3], b[5]];

        Bar[][] sut = BarAlignment.Align([gappedA, gappedB]);

        sut[0].Select(x => x.OpenTimeMs).ShouldBe([a[1].OpenTimeMs, a[3].OpenTimeMs, a[5].OpenTimeMs]);
        sut[1].Select(x => x.OpenTimeMs).ShouldBe(sut[0].Select(x => x.OpenTimeMs));
        sut[1].ShouldAllBe(x => x.Symbol == Near);
    }

    [Fact]
    public void Align_OneLeg_ReturnsIt()
    {
        Bar[] a = MakeBars(Fil, [1, 2]);
        BarAlignment.Align([a])[0].ShouldBeSameAs(a);
    }

    [Fact]
    public void Align_NoOverlap_GivesEmptyLegs()
    {
        Bar[] a = MakeBars(Fil, [1, 2, 3]);
        Bar[] b = MakeBars(Near, [1, 2, 3, 4, 5]);
        BarAlignment.Align([a, b[3..]]).ShouldAllBe(leg => leg.Length == 0);
    }

    [Fact]
    public void Align_UnsortedOrNoLegs_Throws()
    {
        Bar[] a = MakeBars(Fil, [1, 2, 3]);
        Should.Throw<ArgumentException>(() => BarAlignment.Align([[a[1], a[0]], a])).Message.ShouldContain("ascending");
        Should.Throw<ArgumentException>(() => BarAlignment.Align([]));
    }
}
