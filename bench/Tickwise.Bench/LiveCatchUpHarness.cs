using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Tickwise.Binance.Client;
using Tickwise.Cli;
using Tickwise.Core.Market;
using Tickwise.Ingest;
using Tickwise.Sources;
using Tickwise.Storage;

namespace Tickwise.Bench;

/// <summary>
/// Catch-up after an exchange restart: <see cref="LoopbackBinanceServer"/> (paced: its history grows by a fixed rate
/// whether or not it serves) stops for a while and comes back on the same port; the live pipeline of
/// <c>tickwise run</c> (source, channel, ingest, SQLite) reconnects and backfills over REST. Prints the time from the
/// server coming back to the reconnect (the backoff's wait) and from there to the backfill being done.
/// </summary>
/// <remarks>
/// Usage: <c>dotnet run -c Release --project bench/Tickwise.Bench -- live-catchup [downSeconds=5] [tradesPerSecond=2000]
/// [symbols=2] [reconnectDelay=1s] [rounds=3] [fastRetryWindow=30s]</c>. The reconnect delay is <c>run --reconnect-delay</c>
/// and the window <c>run --fast-retry-window</c>: for the window's length after the connection is lost the client
/// retries about every reconnect delay (so it is back at most one delay after the server), then the delay doubles to
/// 60 s. <c>fastRetryWindow=0</c> measures pure doubling, where the wait after the server is back is up to the step
/// the backoff has reached. The target is caught up (backfill done) within 2 s of the server coming back.
/// </remarks>
internal static class LiveCatchUpHarness
{
    public static void Run(string[] args)
    {
        double down = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        double rate = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
        int symbols = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2;
        TimeSpan reconnect = RunCommand.ParseDelay(args.Length > 3 ? args[3] : "1s", "reconnectDelay");
        int rounds = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 3;
        TimeSpan window = RunCommand.ParseWindow(args.Length > 5 ? args[5] : "30s", "fastRetryWindow");
        RunAsync(down, rate, symbols, reconnect, rounds, window).GetAwaiter().GetResult();
    }

    private static async Task RunAsync(double downSeconds, double rate, int symbolCount, TimeSpan reconnect, int rounds, TimeSpan window)
    {
        string work = Path.Combine(Path.GetTempPath(), "tickwise-catchup-bench");
        Directory.CreateDirectory(work);
        foreach (string old in Directory.GetFiles(work, "live.db*")) File.Delete(old);
        await using var server = new LoopbackBinanceServer(symbolCount, rate);
        await server.StartAsync();
        int port = new Uri(server.BaseUrl).Port;
        Console.WriteLine($"live-catchup: {symbolCount} symbols at {rate:N0} trades/s each, down {downSeconds:F1} s per round, reconnect delay {reconnect.TotalMilliseconds:F0} ms, fast-retry window {window.TotalSeconds:F0} s, then doubling; machine: {Environment.ProcessorCount} cores");

        IReadOnlyList<BinanceStreamClientOptions> connections = RunCommand.BinanceOptions([.. server.Symbols.Select(s => new Symbol(s))], "spot", server.WsUrl, server.BaseUrl, "aggTrade", reconnect, TimeSpan.FromSeconds(60), window);
        using ITickStore store = TickStores.OpenSqlite(Path.Combine(work, "live.db"));
        var channel = Channel.CreateBounded<MarketEvent>(new BoundedChannelOptions(65_536) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true, SingleWriter = true });
        using var source = new BinanceSource(connections, TimeProvider.System, _ => { });
        // 1s and 1m bars, as run builds by default (among others): 1s bars close on the clock within seconds of an outage.
        var ingest = new MarketEventIngest(store, [Interval.OneSecond, Interval.OneMinute], source.TrackBarQuality(store, [Interval.OneMinute]), aggregatedTrades: true);
        using var stop = new CancellationTokenSource();
        Task producing = source.RunAsync(channel.Writer, stop.Token);
        Task consuming = Task.Run(() => RunCommand.ConsumeAsync(channel.Reader, ingest, TimeSpan.FromHours(1), null, source.Liveness));
        BinanceStreamClient client = source.Clients[0];

        await WaitCaughtUpAsync(server, client, Stopwatch.StartNew());
        await Task.Delay(TimeSpan.FromSeconds(31)); // a healthy connection: the backoff starts again from the first delay
        for (int round = 1; round <= rounds; round++)
        {
            long connectionsBefore = client.Connections;
            long repairedBefore = Repaired(client);
            await server.StopAsync();
            await Task.Delay(TimeSpan.FromSeconds(downSeconds));
            await server.StartAsync(port);
            var back = Stopwatch.StartNew();
            long[] target = [.. Enumerable.Range(0, symbolCount).Select(i => server.NextId(i) - 1)];
            while (client.Connections == connectionsBefore) await Task.Delay(1);
            TimeSpan reconnected = back.Elapsed;
            await WaitCaughtUpAsync(server, client, back, target);
            TimeSpan caughtUp = back.Elapsed;
            Console.WriteLine($"live-catchup: round {round}: reconnected {reconnected.TotalMilliseconds:F0} ms after the server came back, backfill of {Repaired(client) - repairedBefore:N0} trades done {(caughtUp - reconnected).TotalMilliseconds:F0} ms later: caught up {caughtUp.TotalMilliseconds:F0} ms after the server came back");
            await Task.Delay(TimeSpan.FromSeconds(31));
        }
        await stop.CancelAsync();
        await producing;
        await consuming;
        ingest.Finish();
        foreach (string symbol in server.Symbols)
        {
            var ids = store.ReadTrades(new Symbol(symbol), TimeRange.All).Select(t => t.Id).ToList();
            bool contiguous = ids.Count > 0 && ids[^1] - ids[0] + 1 == ids.Count;
            Console.WriteLine($"live-catchup: {symbol}: {ids.Count:N0} trades stored, ids {ids[0]}..{ids[^1]} {(contiguous ? "contiguous" : "NOT CONTIGUOUS")}");
        }
        // A backfilled trade whose bar had already closed on the clock is in no bar: this must stay 0.
        Console.WriteLine($"live-catchup: late trades (stored but in no bar): {ingest.LateTrades:N0}");
    }

    private static long Repaired(BinanceStreamClient client) => client.Symbols.Sum(s => s.TradesRepaired);

    /// <summary>Waits until every symbol's delivered id reached <paramref name="target"/> (or the history's end now).</summary>
    private static async Task WaitCaughtUpAsync(LoopbackBinanceServer server, BinanceStreamClient client, Stopwatch clock, long[]? target = null)
    {
        while (true)
        {
            bool done = true;
            for (int i = 0; i < client.Symbols.Count; i++)
                if (client.Symbols[i].LastTradeId < (target?[i] ?? server.NextId(i) - 1 - 100)) done = false;
            if (done) return;
            if (clock.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException("not caught up after 2 minutes");
            await Task.Delay(1);
        }
    }
}
