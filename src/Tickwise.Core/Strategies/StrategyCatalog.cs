namespace Tickwise.Core.Strategies;

/// <summary>The strategies <c>--strategy</c> can name, created from <c>name=value</c> parameters.</summary>
public static class StrategyCatalog
{
    /// <summary>The names, in the order help lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["crossover", "meanrev"];

    /// <summary>Returns the parameters of the strategy <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No strategy has that name (the known names are listed).</exception>
    public static IReadOnlyList<ParameterSpec> ParametersOf(string name) => name switch
    {
        "crossover" => CrossoverStrategy.Parameters,
        "meanrev" => MeanReversionStrategy.Parameters,
        _ => throw Unknown(name),
    };

    /// <summary>Creates the strategy <paramref name="name"/> with <paramref name="assignments"/> over its defaults.</summary>
    /// <param name="name">A name of <see cref="Names"/>.</param>
    /// <param name="assignments">Parameter assignments, <c>name=value</c>.</param>
    /// <param name="parameters">The full parameter set used (defaults included), for the report.</param>
    /// <exception cref="ArgumentException">Unknown strategy, or a bad parameter (named in the message).</exception>
    public static IStrategy Create(string name, IEnumerable<string> assignments, out StrategyParameters parameters)
    {
        parameters = StrategyParameters.Parse(ParametersOf(name), assignments);
        return name == "crossover" ? new CrossoverStrategy(parameters) : new MeanReversionStrategy(parameters);
    }

    private static ArgumentException Unknown(string name) =>
        new($"Unknown strategy '{name}'; known: {string.Join(", ", Names)}.");
}
