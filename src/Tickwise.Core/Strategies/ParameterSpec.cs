namespace Tickwise.Core.Strategies;

/// <summary>One named strategy parameter: its default, its range or its choices, and what it means.</summary>
/// <param name="Name">The name, as in <c>--param fast=5</c>; lower case.</param>
/// <param name="Default">The default value, as text.</param>
/// <param name="Description">What it does.</param>
/// <param name="Min">Smallest accepted number (numbers only).</param>
/// <param name="Max">Largest accepted number (numbers only).</param>
/// <param name="IsInteger">Only whole numbers are accepted.</param>
/// <param name="Choices">The accepted words, for a choice parameter (then Min, Max and IsInteger are unused).</param>
public sealed record ParameterSpec(string Name, string Default, string Description, double Min = double.MinValue, double Max = double.MaxValue,
    bool IsInteger = false, IReadOnlyList<string>? Choices = null)
{
    /// <summary>Returns why <paramref name="text"/> is not a valid value, or null when it is.</summary>
    public string? FindProblem(string text)
    {
        if (Choices is not null)
        {
            foreach (string choice in Choices)
                if (string.Equals(choice, text, StringComparison.OrdinalIgnoreCase)) return null;
            return $"{Name} must be one of {string.Join(", ", Choices)}; got '{text}'";
        }
        if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            return $"{Name} must be a number; got '{text}'";
        if (IsInteger && value != Math.Floor(value)) return $"{Name} must be a whole number; got '{text}'";
        if (value < Min || value > Max) return $"{Name} must lie in [{Min}, {Max}]; got {text}";
        return null;
    }
}
