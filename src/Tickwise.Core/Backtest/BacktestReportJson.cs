using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Tickwise.Core.Trading;

namespace Tickwise.Core.Backtest;

/// <summary>Writes a <see cref="BacktestResult"/> as the <c>backtest</c> JSON document of the API contract.</summary>
/// <remarks>
/// <para>Fields: id, strategy, symbols, interval, from_ms, to_ms, params, fees_bps, slippage_bps, initial_equity,
/// final_equity, total_return, sharpe, sortino, max_drawdown, win_rate, profit_factor, exposure, turnover, trades
/// [{entry_time, exit_time, side, quantity, entry_price, exit_price, pnl, return}], equity [[time, equity]]; and, beyond
/// the contract, trade_count, trades_truncated, equity_points, each trade's variant and symbol, and variants
/// [{variant, initial_equity, final_equity, total_return, ..., trade_count}].</para>
/// <para>Money is printed exactly, rounded to 8 decimals, without trailing zeros; statistics as shortest round-trip
/// doubles, NaN and infinities as null. The output depends only on its inputs (deterministic, culture-invariant).</para>
/// </remarks>
public static class BacktestReportJson
{
    /// <summary>Returns a run id that depends only on what was run: strategy, symbols, interval, time span, parameters,
    /// fees and slippage (<c>bt-</c> and 16 hex digits of a SHA-256), so a repeated run replaces its stored record.</summary>
    public static string Id(BacktestResult result, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(parameters);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{result.Strategy}|{string.Join(',', result.Symbols)}|{result.Interval}|{result.FromMs}|{result.ToMs}|");
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal)) text.Append(CultureInfo.InvariantCulture, $"{name}={value};");
        text.Append(CultureInfo.InvariantCulture, $"|{result.Options.FeesBps}|{result.Options.SlippageBps}|{result.Options.InitialEquity}");
        return "bt-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    /// <summary>Writes the report.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="result">The backtest.</param>
    /// <param name="id">The run id (see <see cref="Id"/>).</param>
    /// <param name="parameters">The strategy's parameters (numbers are written as numbers, words as strings).</param>
    /// <param name="maxEquityPoints">At most this many equity points, evenly spaced, first and last kept (at least 2).</param>
    /// <param name="maxTrades">At most this many trades, the latest ones kept; <c>trades_truncated</c> says when some were left out.</param>
    public static void Write(Utf8JsonWriter writer, BacktestResult result, string id, IReadOnlyDictionary<string, string> parameters,
        int maxEquityPoints = int.MaxValue, int maxTrades = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEquityPoints, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(maxTrades);
        writer.WriteStartObject();
        writer.WriteString("id", id);
        writer.WriteString("strategy", result.Strategy);
        writer.WriteStartArray("symbols");
        foreach (var symbol in result.Symbols) writer.WriteStringValue(symbol.Value);
        writer.WriteEndArray();
        writer.WriteString("interval", result.Interval.ToString());
        writer.WriteNumber("from_ms", result.FromMs);
        writer.WriteNumber("to_ms", result.ToMs);
        writer.WriteStartObject("params");
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number)) writer.WriteNumber(name, number);
            else writer.WriteString(name, value);
        }
        writer.WriteEndObject();
        writer.WriteNumber("fees_bps", Money(result.Options.FeesBps));
        writer.WriteNumber("slippage_bps", Money(result.Options.SlippageBps));
        writer.WriteNumber("initial_equity", Money(result.InitialEquity));
        writer.WriteNumber("final_equity", Money(result.FinalEquity));
        WriteMetrics(writer, result.Metrics);
        writer.WriteNumber("trade_count", result.Trades.Count);
        int firstTrade = Math.Max(0, result.Trades.Count - maxTrades);
        writer.WriteBoolean("trades_truncated", firstTrade > 0);
        writer.WriteStartArray("trades");
        for (int t = firstTrade; t < result.Trades.Count; t++) WriteTrade(writer, result.Trades[t]);
        writer.WriteEndArray();
        writer.WriteStartArray("variants");
        foreach (BacktestVariantResult variant in result.Variants)
        {
            writer.WriteStartObject();
            writer.WriteString("variant", variant.Variant);
            writer.WriteNumber("initial_equity", Money(variant.InitialEquity));
            writer.WriteNumber("final_equity", Money(variant.FinalEquity));
            WriteMetrics(writer, variant.Metrics);
            writer.WriteNumber("trade_count", variant.TradeCount);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        int n = result.Equity.Length, points = Math.Min(n, maxEquityPoints);
        writer.WriteNumber("equity_points", n);
        writer.WriteStartArray("equity");
        for (int p = 0; p < points; p++)
        {
            int i = points == n ? p : (int)((long)p * (n - 1) / (points - 1));
            writer.WriteStartArray();
            writer.WriteNumberValue(result.EquityTimesMs[i]);
            writer.WriteNumberValue(Money(result.Equity[i]));
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Returns <paramref name="value"/> rounded to 8 decimals (half away from zero) without trailing zeros.</summary>
    public static decimal Money(decimal value) =>
        Math.Round(value, 8, MidpointRounding.AwayFromZero) / 1.0000000000000000000000000000m;

    private static void WriteTrade(Utf8JsonWriter writer, in BacktestTrade trade)
    {
        writer.WriteStartObject();
        writer.WriteString("variant", trade.Variant);
        writer.WriteString("symbol", trade.Symbol.Value);
        writer.WriteNumber("entry_time", trade.EntryTimeMs);
        writer.WriteNumber("exit_time", trade.ExitTimeMs);
        writer.WriteString("side", trade.Side == OrderSide.Buy ? "buy" : "sell");
        writer.WriteNumber("quantity", Money(trade.Quantity));
        writer.WriteNumber("entry_price", Money(trade.EntryPrice));
        writer.WriteNumber("exit_price", Money(trade.ExitPrice));
        writer.WriteNumber("pnl", Money(trade.Pnl));
        writer.WriteNumber("return", (double)trade.Return);
        writer.WriteEndObject();
    }

    private static void WriteMetrics(Utf8JsonWriter writer, in PerformanceMetrics m)
    {
        Double(writer, "total_return", m.TotalReturn);
        Double(writer, "sharpe", m.Sharpe);
        Double(writer, "sortino", m.Sortino);
        Double(writer, "max_drawdown", m.MaxDrawdown);
        Double(writer, "win_rate", m.WinRate);
        Double(writer, "profit_factor", m.ProfitFactor);
        Double(writer, "exposure", m.Exposure);
        Double(writer, "turnover", m.Turnover);
    }

    private static void Double(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value)) writer.WriteNumber(name, value);
        else writer.WriteNull(name);
    }
}
