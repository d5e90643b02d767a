using System.CommandLine;

namespace Tickwise.Cli;

/// <summary>The connection settings <c>run</c> and <c>record</c> share: how fast to reconnect, for how long to retry
/// fast, when to replace a connection, and how long a silent one may stay.</summary>
internal sealed class ConnectionOptions
{
    public Option<string> ReconnectDelay { get; } = new("--reconnect-delay") { Description = "First reconnect delay (500ms, 1s), with jitter: retried about this often for the --fast-retry-window, then doubled up to 60 s.", DefaultValueFactory = _ => "1s" };

    public Option<string> FastRetryWindow { get; } = new("--fast-retry-window") { Description = "For this long after a connection is lost, retry about every reconnect delay before doubling (0 for pure doubling).", DefaultValueFactory = _ => "30s" };

    public Option<string?> ConnectionLifetime { get; } = new("--connection-lifetime") { Description = "Replace each connection after this long, the new one overlapping the old (Binance closes them at 24 h); default 23:50:00." };

    public Option<string> NoDataTimeout { get; } = new("--no-data-timeout") { Description = "Reconnect when the stream is silent this long.", DefaultValueFactory = _ => "60s" };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(ReconnectDelay);
        command.Options.Add(FastRetryWindow);
        command.Options.Add(ConnectionLifetime);
        command.Options.Add(NoDataTimeout);
    }

    /// <summary>Returns the connections' options for <paramref name="symbols"/> (see <see cref="RunCommand.BinanceOptions"/>).</summary>
    /// <exception cref="CliException">A value is out of range.</exception>
    public IReadOnlyList<Binance.Client.BinanceStreamClientOptions> Build(ParseResult result, IReadOnlyList<Core.Market.Symbol> symbols, string market, string? wsUrl, string? restUrl, string streams) =>
        RunCommand.BinanceOptions(symbols, market, wsUrl, restUrl, streams,
            RunCommand.ParseDelay(result.GetValue(ReconnectDelay)!, "--reconnect-delay"), RunCommand.ParseDelay(result.GetValue(NoDataTimeout)!, "--no-data-timeout"),
            RunCommand.ParseWindow(result.GetValue(FastRetryWindow)!, "--fast-retry-window"),
            result.GetValue(ConnectionLifetime) is { } life ? RunCommand.ParseDelay(life, "--connection-lifetime") : null);
}
