using System.CommandLine;
using Tickwise.Configuration;

namespace Tickwise.Cli;

/// <summary>The options of what runs downstream of the ingest in <c>run</c> (pairs, alerts, strategies), in one place.</summary>
internal sealed class PipelineOptions
{
    public PipelineOptions(TickwiseSettings settings)
    {
        Pairs = CommonOptions.Pairs(settings);
        PairIntervals = CommonOptions.PairIntervals(settings);
        TradeUrl = new("--trade-url")
        {
            Description = $"REST base of the exchange --broker testnet trades on (keys from TICKWISE_BINANCE_API_KEY and TICKWISE_BINANCE_API_SECRET). Default: TICKWISE__TRADEURL, else {Trading.TestnetBrokerFactory.DefaultTradeUrl}.",
            DefaultValueFactory = _ => settings.TradeUrl ?? Trading.TestnetBrokerFactory.DefaultTradeUrl,
        };
    }

    public Option<string> Pairs { get; }

    public Option<string> PairIntervals { get; }

    public Option<string?> Strategy { get; } = new("--strategy") { Description = "Run a strategy live: crossover or meanrev (signals, orders, fills and positions are stored and published)." };

    public Option<string?> StrategySymbols { get; } = new("--strategy-symbols") { Description = "The strategy's symbols: one for crossover, A,B for meanrev. Default: the first (two) of --symbols." };

    public Option<string> StrategyInterval { get; } = new("--strategy-interval") { Description = "Bar interval the strategy runs on.", DefaultValueFactory = _ => "1m" };

    public Option<string[]> Params { get; } = new("--param") { Description = "Strategy parameters name=value (--param fast=5 slow=20).", AllowMultipleArgumentsPerToken = true };

    public Option<string> Broker { get; } = new("--broker") { Description = "Where orders go: paper (simulated fills against the live quotes; no keys) or testnet (signed orders on Binance's spot testnet, see --trade-url).", DefaultValueFactory = _ => "paper" };

    public Option<string> TradeUrl { get; }

    public Option<decimal> FeesBps { get; } = new("--fees-bps") { Description = "Paper broker fee, basis points of the notional (maker and taker).", DefaultValueFactory = _ => 10m };

    public Option<decimal> SlippageBps { get; } = new("--slippage-bps") { Description = "Paper broker slippage of market orders, basis points.", DefaultValueFactory = _ => 0m };

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { Pairs, PairIntervals, Strategy, StrategySymbols, StrategyInterval, Params, Broker, TradeUrl, FeesBps, SlippageBps })
            command.Options.Add(option);
    }
}
