using System.CommandLine;
using Symbol = Tickwise.Core.Market.Symbol;
using Tickwise.Core.Market;
using Tickwise.Core.Simulation;

namespace Tickwise.Cli;

/// <summary>The simulator's command-line options, shared by <c>simulate</c> and <c>run --source simulator</c>.</summary>
internal static class SimulationOptions
{
    public static Option<long> Seed() => new("--seed") { Description = "Simulator seed: the same seed and start give the same market.", DefaultValueFactory = _ => 1 };

    public static Option<string?> Start(string description) => new("--start") { Description = description };

    /// <summary>Builds the simulator's options; trade ids start at the start time in microseconds, so runs at different times never share ids.</summary>
    public static SimulatorOptions Build(IReadOnlyList<Symbol> symbols, long seed, long startMs)
    {
        string[] names = new string[symbols.Count];
        for (int i = 0; i < names.Length; i++) names[i] = symbols[i].Value;
        try
        {
            return SimulatorOptions.Default(names) with { Seed = seed, StartTimeMs = startMs, FirstTradeId = startMs * 1000 };
        }
        catch (ArgumentException e)
        {
            throw new CliException($"Cannot simulate {string.Join(',', names)}: {e.Message}");
        }
    }
}
