using Tickwise.Core.Strategies;

namespace Tickwise.Core.Tests.Strategies;

public class StrategyCatalogTests
{
    [Fact]
    public void Create_KnownNames_GiveTheStrategiesWithAllParameters()
    {
        StrategyCatalog.Create("crossover", ["fast=3"], out var parameters).ShouldBeOfType<CrossoverStrategy>();
        parameters.Values["fast"].ShouldBe("3");
        parameters.Values["slow"].ShouldBe("20");
        StrategyCatalog.Create("meanrev", [], out _).ShouldBeOfType<MeanReversionStrategy>().SymbolCount.ShouldBe(2);
    }

    [Fact]
    public void Create_UnknownName_ListsTheKnownOnes() =>
        Should.Throw<ArgumentException>(() => StrategyCatalog.Create("momentum", [], out _)).Message.ShouldBe("Unknown strategy 'momentum'; known: crossover, meanrev.");
}
