using System.CommandLine;
using System.Threading.Channels;
using Tickwise.Binance.Client;
using Tickwise.Configuration;
using Tickwise.Core.Market;
using Tickwise.Sinks;
using Tickwise.Sources;
using Symbol = Tickwise.Core.Market.Symbol;

namespace Tickwise.Cli;

/// <summary><c>tickwise record</c>: Binance stream frames to a file, in the layout <c>replay</c> reads.</summary>
/// <remarks>
/// <para>Records every text frame the connections receive, with its local receive time, as the socket said it (not
/// what Tickwise made of it), and every REST answer the clients used, so that a replay rebuilds the same book and the
/// same trades: depth snapshots and the pages of trades that repaired gaps. A REST answer names no symbol, so it is
/// wrapped like a combined-stream frame whose stream name says what it is (see <see cref="RecordedRestLine"/>):
/// <c>{"stream":"btcusdt@depthSnapshot","data":{...}}</c>, <c>{"stream":"btcusdt@aggTradeRepair","data":[...]}</c>,
/// <c>{"stream":"btcusdt@tradeRepair","data":[...]}</c>. It is written before the frame that caused it (a frame is
/// written once handled), in the order the pipeline used them.</para>
/// <para>The recording keeps what the socket said, duplicates included (the stream overlapping a backfill); replay
/// drops a trade whose id it has seen, as the live client does.</para>
/// </remarks>
internal static class RecordCommand
{
    public static Command Create(TickwiseSettings settings)
    {
        var symbols = CommonOptions.Symbols(settings);
        var streams = new Option<string>("--streams") { Description = "Binance streams per symbol: aggTrade, trade, bookTicker, depth.", DefaultValueFactory = _ => "aggTrade,bookTicker" };
        var output = new Option<string>("--out") { Description = "File to write (.gz compresses); replaced if it exists.", Required = true };
        var market = CommonOptions.Market(settings);
        var wsUrl = CommonOptions.WsUrl(settings);
        var restUrl = CommonOptions.RestUrl(settings);
        var duration = new Option<string?>("--duration") { Description = "Stop by itself after this much wall time; default: until Ctrl+C." };
        var connection = new ConnectionOptions();

        var command = new Command("record", "Record Binance stream frames with their receive time, one per line ('<unix ns> <payload>'), for replay.")
            { symbols, streams, output, market, wsUrl, restUrl, duration };
        connection.AddTo(command);
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            IReadOnlyList<Symbol> symbolList = CliValues.ParseSymbols(result.GetValue(symbols)!);
            IReadOnlyList<BinanceStreamClientOptions> connections = connection.Build(result, symbolList, result.GetValue(market)!, result.GetValue(wsUrl), result.GetValue(restUrl), result.GetValue(streams)!);
            TimeSpan? stopAfter = result.GetValue(duration) is { } d ? CliValues.ParseDuration(d) : null;
            string path = result.GetValue(output)!;

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (stopAfter is { } after) stop.CancelAfter(after);
            var channel = Channel.CreateBounded<MarketEvent>(new BoundedChannelOptions(65_536) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
            using var recording = new RecordedFrameWriter(path);
            using var live = new BinanceSource(connections, TimeProvider.System, notice => Console.Error.WriteLine($"tickwise: binance: {notice.Message}"));
            foreach (BinanceStreamClient client in live.Clients) client.OnFrame = recording.Write;
            live.Rest.OnAnswer = (receivedNs, symbol, kind, body) => recording.Write(receivedNs, RecordedRestLine.Wrap(symbol, kind, body));
            Task producing = live.RunAsync(channel.Writer, stop.Token);
            Console.Error.WriteLine($"tickwise: recording {string.Join(',', connections.SelectMany(c => c.Subscription.StreamNames))} from {live.Endpoints.StreamBase} into {path} (Ctrl+C stops)");
            // The parsed events are not needed here; draining them keeps the clients' gap repair and books running.
            await foreach (MarketEvent _ in channel.Reader.ReadAllAsync(CancellationToken.None)) { }
            await producing;
            recording.Dispose();
            Console.Error.WriteLine($"tickwise: recorded {recording.Frames:N0} frames into {path}");
            return 0;
        }));
        return command;
    }
}
