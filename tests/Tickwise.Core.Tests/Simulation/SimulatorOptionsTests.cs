using Tickwise.Core.Market;
using Tickwise.Core.Simulation;

namespace Tickwise.Core.Tests.Simulation;

public class SimulatorOptionsTests
{
    private static readonly Symbol Aaa = new("AAAUSDT");
    private static readonly Symbol Bbb = new("BBBUSDT");
    private static readonly Symbol Ccc = new("CCCUSDT");

    private static SimulatedSymbol Valid(Symbol symbol) => new(symbol, 100m, 0.01m, 0.001m, 0.03, 2, 1m);

    private static SimulatorOptions ValidOptions() => new() { Symbols = [Valid(Aaa), Valid(Bbb), Valid(Ccc)] };

    [Fact]
    public void Validate_ValidOptions_DoesNotThrow()
    {
        SimulatorOptions sut = ValidOptions() with
        {
            Correlations = [new SymbolCorrelation(Aaa, Bbb, 0.7), new SymbolCorrelation(Aaa, Ccc, -0.2)],
            CointegratedPairs = [new CointegratedPair(Aaa, Ccc, 1.0, 300, 0.01)],
        };

        Should.NotThrow(sut.Validate);
    }

    public static TheoryData<string, SimulatedSymbol, string> BadSymbols => new()
    {
        { "zero start price", Valid(Aaa) with { StartPrice = 0m }, "StartPrice" },
        { "negative start price", Valid(Aaa) with { StartPrice = -5m }, "StartPrice" },
        { "absurd start price", Valid(Aaa) with { StartPrice = 1e12m }, "StartPrice" },
        { "nine decimals", Valid(Aaa) with { StartPrice = 100.000000001m }, "StartPrice" },
        { "zero tick", Valid(Aaa) with { TickSize = 0m }, "TickSize" },
        { "tick above price", Valid(Aaa) with { TickSize = 50m }, "TickSize" },
        { "tick too fine", Valid(Aaa) with { TickSize = 0.000000001m }, "TickSize" },
        { "zero step", Valid(Aaa) with { StepSize = 0m }, "StepSize" },
        { "negative step", Valid(Aaa) with { StepSize = -0.1m }, "StepSize" },
        { "absurd step", Valid(Aaa) with { StepSize = 1e9m, MedianTradeQuantity = 1e9m }, "StepSize" },
        { "negative volatility", Valid(Aaa) with { VolatilityPerSqrtDay = -0.01 }, "VolatilityPerSqrtDay" },
        { "NaN volatility", Valid(Aaa) with { VolatilityPerSqrtDay = double.NaN }, "VolatilityPerSqrtDay" },
        { "absurd volatility", Valid(Aaa) with { VolatilityPerSqrtDay = 5 }, "VolatilityPerSqrtDay" },
        { "zero rate", Valid(Aaa) with { TradesPerSecond = 0 }, "TradesPerSecond" },
        { "infinite rate", Valid(Aaa) with { TradesPerSecond = double.PositiveInfinity }, "TradesPerSecond" },
        { "absurd rate", Valid(Aaa) with { TradesPerSecond = 1e6 }, "TradesPerSecond" },
        { "median below step", Valid(Aaa) with { MedianTradeQuantity = 0.0001m }, "MedianTradeQuantity" },
        { "absurd median", Valid(Aaa) with { MedianTradeQuantity = 1e8m }, "MedianTradeQuantity" },
        { "no name", Valid(default), "Symbol" },
    };

    [Theory]
    [MemberData(nameof(BadSymbols))]
    public void Validate_BadSymbol_ThrowsWithParameterNameAndValue(string because, SimulatedSymbol bad, string parameter)
    {
        SimulatorOptions sut = new() { Symbols = [Valid(Bbb), bad] };

        var ex = Should.Throw<ArgumentException>(sut.Validate, because);

        ex.ParamName.ShouldBe(parameter);
        if (parameter != "Symbol") ex.Message.ShouldContain(ValueText(bad, parameter));
    }

    public static TheoryData<string, SimulatorOptions, string> BadOptions => new()
    {
        { "no symbols", new SimulatorOptions(), "Symbols" },
        { "duplicate", new SimulatorOptions { Symbols = [Valid(Aaa), Valid(Aaa)] }, "Symbols" },
        { "null symbol", new SimulatorOptions { Symbols = [Valid(Aaa), null!] }, "Symbols" },
        { "start in microseconds", ValidOptions() with { StartTimeMs = 1_704_067_200_000_000 }, "StartTimeMs" },
        { "start zero", ValidOptions() with { StartTimeMs = 0 }, "StartTimeMs" },
        { "negative first id", ValidOptions() with { FirstTradeId = -1 }, "FirstTradeId" },
        { "zero step", ValidOptions() with { PriceStepMs = 0 }, "PriceStepMs" },
        { "huge step", ValidOptions() with { PriceStepMs = 3_600_000 }, "PriceStepMs" },
        { "zero quote interval", ValidOptions() with { QuoteIntervalMs = 0 }, "QuoteIntervalMs" },
        { "explosive branching", ValidOptions() with { BranchingRatio = 1.0 }, "BranchingRatio" },
        { "negative branching", ValidOptions() with { BranchingRatio = -0.1 }, "BranchingRatio" },
        { "NaN branching", ValidOptions() with { BranchingRatio = double.NaN }, "BranchingRatio" },
        { "zero decay", ValidOptions() with { ExcitationDecaySeconds = 0 }, "ExcitationDecaySeconds" },
        { "correlation of one", ValidOptions() with { Correlations = [new(Aaa, Bbb, 1.0)] }, "Correlations" },
        { "NaN correlation", ValidOptions() with { Correlations = [new(Aaa, Bbb, double.NaN)] }, "Correlations" },
        { "self correlation", ValidOptions() with { Correlations = [new(Aaa, Aaa, 0.5)] }, "Correlations" },
        { "unknown in correlation", ValidOptions() with { Correlations = [new(Aaa, new Symbol("ZZZ"), 0.5)] }, "Correlations" },
        { "correlation twice", ValidOptions() with { Correlations = [new(Aaa, Bbb, 0.5), new(Bbb, Aaa, 0.5)] }, "Correlations" },
        { "not positive definite", ValidOptions() with { Correlations = [new(Aaa, Bbb, 0.9), new(Bbb, Ccc, 0.9), new(Aaa, Ccc, -0.9)] }, "Correlations" },
        { "null correlations", ValidOptions() with { Correlations = null! }, "Correlations" },
        { "unknown leader", ValidOptions() with { CointegratedPairs = [new(new Symbol("ZZZ"), Aaa, 1, 60, 0.01)] }, "CointegratedPairs" },
        { "self pair", ValidOptions() with { CointegratedPairs = [new(Aaa, Aaa, 1, 60, 0.01)] }, "CointegratedPairs" },
        { "two leaders", ValidOptions() with { CointegratedPairs = [new(Aaa, Ccc, 1, 60, 0.01), new(Bbb, Ccc, 1, 60, 0.01)] }, "CointegratedPairs" },
        { "chain", ValidOptions() with { CointegratedPairs = [new(Aaa, Bbb, 1, 60, 0.01), new(Bbb, Ccc, 1, 60, 0.01)] }, "CointegratedPairs" },
        { "zero beta", ValidOptions() with { CointegratedPairs = [new(Aaa, Bbb, 0, 60, 0.01)] }, "Beta" },
        { "NaN beta", ValidOptions() with { CointegratedPairs = [new(Aaa, Bbb, double.NaN, 60, 0.01)] }, "Beta" },
        { "half-life below a step", ValidOptions() with { CointegratedPairs = [new(Aaa, Bbb, 1, 0.05, 0.01)] }, "HalfLifeSeconds" },
        { "infinite half-life", ValidOptions() with { CointegratedPairs = [new(Aaa, Bbb, 1, double.PositiveInfinity, 0.01)] }, "HalfLifeSeconds" },
        { "negative spread volatility", ValidOptions() with { CointegratedPairs = [new(Aaa, Bbb, 1, 60, -0.01)] }, "SpreadVolatilityPerSqrtDay" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Validate_BadOptions_ThrowsWithParameterName(string because, SimulatorOptions sut, string parameter)
    {
        var ex = Should.Throw<ArgumentException>(sut.Validate, because);

        ex.ParamName.ShouldBe(parameter);
    }

    [Fact]
    public void Validate_BadValue_NamesTheValueInTheMessage()
    {
        SimulatorOptions sut = ValidOptions() with { PriceStepMs = -7 };

        Should.Throw<ArgumentException>(sut.Validate).Message.ShouldContain("-7");
    }

    [Fact]
    public void Default_WellKnownSymbols_UsesBinanceFilters()
    {
        SimulatorOptions sut = SimulatorOptions.Default("BTCUSDT", "ethusdt", "SOLUSDT", "BNBUSDT");

        sut.Symbols.Count.ShouldBe(4);
        SimulatedSymbol btc = sut.Symbols[0];
        btc.Symbol.ShouldBe(new Symbol("BTCUSDT"));
        btc.StartPrice.ShouldBe(60_000m);
        btc.TickSize.ShouldBe(0.01m);
        btc.StepSize.ShouldBe(0.00001m);
        SimulatedSymbol eth = sut.Symbols[1];
        eth.Symbol.ShouldBe(new Symbol("ETHUSDT"));
        eth.StartPrice.ShouldBe(3_000m);
        eth.TickSize.ShouldBe(0.01m);
        eth.StepSize.ShouldBe(0.0001m);
        foreach (SimulatedSymbol s in sut.Symbols)
        {
            (s.MedianTradeQuantity % s.StepSize).ShouldBe(0m);
            (s.MedianTradeQuantity * s.StartPrice).ShouldBeInRange(50m, 450m, $"{s.Symbol} trades a few hundred dollars");
        }
        Should.NotThrow(sut.Validate);
    }

    [Fact]
    public void Default_BtcAndEth_MakesEthFollowBtc()
    {
        SimulatorOptions sut = SimulatorOptions.Default("ETHUSDT", "BTCUSDT", "SOLUSDT");

        CointegratedPair pair = sut.CointegratedPairs.ShouldHaveSingleItem();
        pair.Leader.ShouldBe(new Symbol("BTCUSDT"));
        pair.Follower.ShouldBe(new Symbol("ETHUSDT"));
        pair.Beta.ShouldBe(0.05);
        // The follower's shocks drive its spread, kept independent; BTC and SOL correlate as the market does.
        sut.Correlations.ShouldHaveSingleItem().Correlation.ShouldBe(SimulatorOptions.DefaultCorrelation);
    }

    [Fact]
    public void Default_EthWithoutBtc_HasNoPair()
    {
        SimulatorOptions sut = SimulatorOptions.Default("ETHUSDT", "SOLUSDT");

        sut.CointegratedPairs.ShouldBeEmpty();
        sut.Correlations.ShouldHaveSingleItem().Correlation.ShouldBe(SimulatorOptions.DefaultCorrelation);
    }

    [Theory]
    [InlineData("FOOBAR")]
    [InlineData("X")]
    [InlineData("PEPE1000USDT")]
    [InlineData("BTCUSDT_240927")]
    public void Default_UnknownSymbol_IsPlausibleAndStable(string name)
    {
        SimulatedSymbol sut = SimulatorOptions.Default(name).Symbols.ShouldHaveSingleItem();

        sut.StartPrice.ShouldBeInRange(0.1m, 10_000m);
        (sut.StartPrice / sut.TickSize).ShouldBeInRange(1_000m, 100_000m, "4 to 5 significant digits");
        (sut.StepSize * sut.StartPrice).ShouldBeInRange(0.01m, 1m);
        SimulatorOptions.Default(name).Symbols[0].ShouldBe(sut);
        Should.NotThrow(SimulatorOptions.Default(name).Validate);
    }

    [Theory]
    [InlineData("")]
    [InlineData("BTC-USDT")]
    [InlineData("BTCUSDT,")]
    [InlineData("BTCUSDT,btcusdt")]
    [InlineData("THISNAMEISWAYTOOLONGFORASYMBOL_1234")]
    public void Default_BadNames_Throws(string commaSeparatedNames)
    {
        string[] names = commaSeparatedNames.Length == 0 ? [] : commaSeparatedNames.Split(',');

        Should.Throw<ArgumentException>(() => SimulatorOptions.Default(names)).ParamName.ShouldBe("symbols");
    }

    [Fact]
    public void Default_Null_Throws()
    {
        Should.Throw<ArgumentNullException>(() => SimulatorOptions.Default(null!));
    }

    private static string ValueText(SimulatedSymbol s, string parameter) => parameter switch
    {
        "StartPrice" => s.StartPrice.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "TickSize" => s.TickSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "StepSize" => s.StepSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "VolatilityPerSqrtDay" => s.VolatilityPerSqrtDay.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "TradesPerSecond" => s.TradesPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => s.MedianTradeQuantity.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
