using System.Globalization;

namespace Tickwise.Binance.Client;

/// <summary>Formats waits for notices: <c>250 ms</c> below a second, <c>1.5 s</c> above.</summary>
internal static class DurationText
{
    public static string Of(TimeSpan span) => span < TimeSpan.FromSeconds(1)
        ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalMilliseconds:0} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#} s");
}
