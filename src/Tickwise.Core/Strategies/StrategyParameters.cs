using System.Globalization;

namespace Tickwise.Core.Strategies;

/// <summary>A strategy's parameter values by name: the defaults overridden by <c>name=value</c> assignments, validated.</summary>
public sealed class StrategyParameters
{
    private readonly SortedDictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ParameterSpec> _specs = new(StringComparer.Ordinal);

    private StrategyParameters(IReadOnlyList<ParameterSpec> specs)
    {
        foreach (ParameterSpec spec in specs)
        {
            _specs[spec.Name] = spec;
            _values[spec.Name] = spec.Default;
        }
    }

    /// <summary>Every parameter's value (defaults included) by name, in name order, as text.</summary>
    public IReadOnlyDictionary<string, string> Values => _values;

    /// <summary>Returns the defaults of <paramref name="specs"/> overridden by <paramref name="assignments"/> (<c>name=value</c>).</summary>
    /// <exception cref="ArgumentException">An assignment is not <c>name=value</c>, names an unknown parameter (the known ones are
    /// listed), repeats one, or gives a value out of range or of the wrong type.</exception>
    public static StrategyParameters Parse(IReadOnlyList<ParameterSpec> specs, IEnumerable<string> assignments)
    {
        ArgumentNullException.ThrowIfNull(specs);
        ArgumentNullException.ThrowIfNull(assignments);
        var parameters = new StrategyParameters(specs);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string assignment in assignments)
        {
            int eq = assignment.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == assignment.Length - 1)
                throw new ArgumentException($"Parameter '{assignment}' is not name=value.");
            string name = assignment[..eq].Trim().ToLowerInvariant(), text = assignment[(eq + 1)..].Trim();
            if (!parameters._specs.TryGetValue(name, out ParameterSpec? spec))
                throw new ArgumentException($"Unknown parameter '{name}'; known: {string.Join(", ", parameters._specs.Keys.Order(StringComparer.Ordinal))}.");
            if (!seen.Add(name)) throw new ArgumentException($"Parameter '{name}' is given twice.");
            if (spec.FindProblem(text) is { } problem) throw new ArgumentException($"Bad parameter: {problem}.");
            parameters._values[name] = spec.Choices is null ? text : text.ToLowerInvariant();
        }
        return parameters;
    }

    /// <summary>Returns a number parameter.</summary>
    /// <exception cref="KeyNotFoundException">No such parameter.</exception>
    public double GetDouble(string name) => double.Parse(_values[name], NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Returns a number parameter as an exact decimal.</summary>
    /// <exception cref="KeyNotFoundException">No such parameter.</exception>
    public decimal GetDecimal(string name) => decimal.Parse(_values[name], NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Returns a whole-number parameter.</summary>
    /// <exception cref="KeyNotFoundException">No such parameter.</exception>
    public int GetInt(string name) => (int)GetDouble(name);

    /// <summary>Returns a choice parameter, lower case.</summary>
    /// <exception cref="KeyNotFoundException">No such parameter.</exception>
    public string GetChoice(string name) => _values[name];
}
