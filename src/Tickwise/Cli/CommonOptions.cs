using System.CommandLine;
using Tickwise.Configuration;

namespace Tickwise.Cli;

/// <summary>Options that several commands share, so that each is spelled and documented once.</summary>
internal static class CommonOptions
{
    public static Option<string> Db(TickwiseSettings settings) => new("--db", "--store")
    {
        Description = $"Store: a SQLite file (created on first use) or postgres://user:pass@host:port/db. Default: {settings.Db} (TICKWISE__DB or TICKWISE__STORE, appsettings.json Db or Store).",
        DefaultValueFactory = _ => settings.Db,
    };

    public static Option<string?> Symbol(string description) => new("--symbol") { Description = description };

    public static Option<string> Symbols(TickwiseSettings settings) => new("--symbols")
    {
        Description = $"Comma-separated symbols. Default: {settings.Symbols}.",
        DefaultValueFactory = _ => settings.Symbols,
    };

    public static Option<string> Intervals(TickwiseSettings settings) => new("--intervals")
    {
        Description = $"Comma-separated bar intervals to build. Default: {settings.Intervals}.",
        DefaultValueFactory = _ => settings.Intervals,
    };

    public static Option<string> Pairs(TickwiseSettings settings) => new("--pairs")
    {
        Description = "Pairs whose analytics (hedge ratios, spread z-score, cointegration) are computed on every bar close and stored: A:B,C:D. Default: "
            + (settings.Pairs.Length == 0 ? "the first two symbols; 'none' for no pairs." : settings.Pairs + "."),
        DefaultValueFactory = _ => settings.Pairs,
    };

    public static Option<string> PairIntervals(TickwiseSettings settings) => new("--pair-intervals")
    {
        Description = $"Bar intervals of the pair analytics. Default: {settings.PairIntervals}.",
        DefaultValueFactory = _ => settings.PairIntervals,
    };

    public static Option<string?> From() => new("--from") { Description = "Start, inclusive: Unix ms or ISO-8601 UTC (2024-08-08T23:55:00Z)." };

    public static Option<string?> To() => new("--to") { Description = "End, exclusive: Unix ms or ISO-8601 UTC." };

    public static Option<string> Format() => new("--format") { Description = "csv or json.", DefaultValueFactory = _ => "csv" };

    public static Option<string?> IndicatorCsv() => new("--indicator-csv")
    {
        Description = "Directory to append live crossover indicators to (SYMBOL-crossover.csv: mid vs SMA of 1m closes, book pressure, spread).",
    };

    public static Option<string> Market(TickwiseSettings settings) => new("--market")
    {
        Description = $"Binance venue whose default endpoints are used: spot, futures or testnet. Default: {settings.Market} (TICKWISE__MARKET).",
        DefaultValueFactory = _ => settings.Market,
    };

    public static Option<string?> WsUrl(TickwiseSettings settings) => new("--ws-url")
    {
        Description = "Stream base address (ws:// or wss://); the client appends /stream?streams=... Default: TICKWISE__WSURL, else the --market's.",
        DefaultValueFactory = _ => settings.WsUrl,
    };

    public static Option<string?> RestUrl(TickwiseSettings settings) => new("--rest-url")
    {
        Description = "REST base address (http:// or https://); the client appends /api/v3/... (/fapi/v1/... on futures). Default: TICKWISE__RESTURL, else the --market's.",
        DefaultValueFactory = _ => settings.RestUrl,
    };
}
