using Tickwise.Core.Alerts;

namespace Tickwise.Core.Tests.Alerts;

public class CrossingLevelTests
{
    private static bool[] Feed(ref CrossingLevel sut, params double[] values)
    {
        var crossed = new bool[values.Length];
        for (int i = 0; i < values.Length; i++) crossed[i] = sut.Update(values[i]);
        return crossed;
    }

    [Fact]
    public void Update_Upward_CrossesOnlyFromTheArmedSideAndAtTheLevel()
    {
        var sut = new CrossingLevel(10, upward: true, hysteresis: 0, "", extreme: false);

        Feed(ref sut, 9, 10, 11, 9.999, 10).ShouldBe([false, true, false, false, true]);
    }

    [Fact]
    public void Update_NaN_ChangesNothing()
    {
        var sut = new CrossingLevel(-2, upward: false, hysteresis: 0.5, "", extreme: false);

        Feed(ref sut, double.NaN, -1, double.NaN, -2, double.NaN, -1.5, -1.49, double.NaN, -3).ShouldBe(
            [false, false, false, true, false, false, false, false, true]);
    }

    [Fact]
    public void TryFire_WithinCooldown_RefusesAndKeepsTheFirstFireTime()
    {
        var sut = new CrossingLevel(1, upward: true, hysteresis: 0, "", extreme: false);

        sut.TryFire(1000, 500).ShouldBeTrue();
        sut.TryFire(1499, 500).ShouldBeFalse();
        sut.LastFireMs.ShouldBe(1000);
        sut.TryFire(1500, 500).ShouldBeTrue();
        sut.TryFire(900, 0).ShouldBeTrue("data running backwards with no cooldown still fires");
    }

    [Fact]
    public void Restore_FiredLevel_IsDisarmedUntilTheValueComesBack()
    {
        var sut = new CrossingLevel(100, upward: true, hysteresis: 0, "", extreme: false);
        sut.Restore(5000);

        Feed(ref sut, 120, 99, 100).ShouldBe([false, false, true]);
        sut.LastFireMs.ShouldBe(5000);
    }
}
