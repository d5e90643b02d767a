using Tickwise.Core.Strategies;

namespace Tickwise.Core.Tests.Strategies;

public class StrategyParametersTests
{
    private static readonly ParameterSpec[] Specs =
    [
        new("window", "100", "bars", 2, 1000, IsInteger: true),
        new("entry", "2", "z", 0.01, 100),
        new("hedge", "ols", "method", Choices: ["ols", "kalman"]),
    ];

    [Fact]
    public void Parse_NoAssignments_GivesTheDefaults()
    {
        var sut = StrategyParameters.Parse(Specs, []);
        sut.GetInt("window").ShouldBe(100);
        sut.GetDouble("entry").ShouldBe(2);
        sut.GetChoice("hedge").ShouldBe("ols");
        sut.Values.Keys.ShouldBe(["entry", "hedge", "window"]);
    }

    [Fact]
    public void Parse_Assignments_OverrideCaseInsensitiveNamesAndChoices()
    {
        var sut = StrategyParameters.Parse(Specs, ["WINDOW=50", "entry = 2.5", "hedge=Kalman"]);
        sut.GetInt("window").ShouldBe(50);
        sut.GetDecimal("entry").ShouldBe(2.5m);
        sut.GetChoice("hedge").ShouldBe("kalman");
    }

    [Theory]
    [InlineData("window", "is not name=value")]
    [InlineData("=5", "is not name=value")]
    [InlineData("window=", "is not name=value")]
    [InlineData("size=5", "Unknown parameter 'size'; known: entry, hedge, window")]
    [InlineData("window=abc", "window must be a number; got 'abc'")]
    [InlineData("window=2.5", "window must be a whole number")]
    [InlineData("window=1e300", "window must lie in [2, 1000]")]
    [InlineData("window=NaN", "window must be a number")]
    [InlineData("entry=-1", "entry must lie in [0.01, 100]")]
    [InlineData("hedge=huber", "hedge must be one of ols, kalman; got 'huber'")]
    public void Parse_BadAssignment_ThrowsAClearMessage(string assignment, string expected) =>
        Should.Throw<ArgumentException>(() => StrategyParameters.Parse(Specs, [assignment])).Message.ShouldContain(expected);

    [Fact]
    public void Parse_SameNameTwice_Throws() =>
        Should.Throw<ArgumentException>(() => StrategyParameters.Parse(Specs, ["window=5", "window=6"])).Message.ShouldContain("given twice");

    [Fact]
    public void Parse_HugeValueText_ThrowsWithoutHanging() =>
        Should.Throw<ArgumentException>(() => StrategyParameters.Parse(Specs, ["entry=" + new string('9', 100_000)]));
}
