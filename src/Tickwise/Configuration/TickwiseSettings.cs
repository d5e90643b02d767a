using Microsoft.Extensions.Configuration;

namespace Tickwise.Configuration;

/// <summary>Settings shared by every command, read from <c>appsettings.json</c> then <c>TICKWISE__*</c> environment variables.</summary>
/// <remarks>
/// Precedence, lowest first: built-in defaults, <c>appsettings.json</c> in the working directory,
/// environment variables (<c>TICKWISE__DB=/path/tickwise.db</c>), and finally command-line flags, which the
/// commands apply on top.
/// </remarks>
internal sealed class TickwiseSettings
{
    /// <summary>Default database path, relative to the working directory.</summary>
    public const string DefaultDbPath = "./data/tickwise.db";

    /// <summary>The store: a SQLite file path, or a <c>postgres://</c> URL (keys <c>Db</c> or <c>Store</c>; <c>Store</c> wins).</summary>
    public string Db { get; init; } = DefaultDbPath;

    /// <summary>Intervals built from trades unless a command says otherwise.</summary>
    public string Intervals { get; init; } = "1s,5s,10s,15s,30s,1m,3m,5m,15m,30m,1h,4h,1d";

    /// <summary>Symbols streamed by <c>run</c> and <c>simulate</c> unless given.</summary>
    public string Symbols { get; init; } = "BTCUSDT,ETHUSDT";

    /// <summary>Pairs whose snapshots are computed on every bar close and stored (A:B,C:D); empty: the first two symbols.</summary>
    public string Pairs { get; init; } = "";

    /// <summary>Bar intervals of the pair snapshots.</summary>
    public string PairIntervals { get; init; } = "1m";

    /// <summary>Binance venue whose endpoints <c>run --source binance</c> uses: spot, futures or testnet.</summary>
    public string Market { get; init; } = "spot";

    /// <summary>Stream base address overriding the venue's (a local server that speaks Binance's protocol), or null.</summary>
    public string? WsUrl { get; init; }

    /// <summary>REST base address overriding the venue's, or null.</summary>
    public string? RestUrl { get; init; }

    /// <summary>REST base of the exchange <c>--broker testnet</c> trades on (<c>--trade-url</c>), or null for Binance's spot testnet.</summary>
    public string? TradeUrl { get; init; }

    /// <summary>Loads the settings from the working directory's <c>appsettings.json</c> and the environment.</summary>
    public static TickwiseSettings Load()
    {
        IConfigurationRoot configuration = new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true, reloadOnChange: false)
            .AddEnvironmentVariables("TICKWISE__")
            .Build();
        var settings = new TickwiseSettings();
        return new TickwiseSettings
        {
            Db = configuration["Store"] ?? configuration["Db"] ?? settings.Db,
            Intervals = configuration["Intervals"] ?? settings.Intervals,
            Symbols = configuration["Symbols"] ?? settings.Symbols,
            Pairs = configuration["Pairs"] ?? settings.Pairs,
            PairIntervals = configuration["PairIntervals"] ?? settings.PairIntervals,
            Market = configuration["Market"] ?? settings.Market,
            WsUrl = configuration["WsUrl"],
            RestUrl = configuration["RestUrl"],
            TradeUrl = configuration["TradeUrl"],
        };
    }
}
