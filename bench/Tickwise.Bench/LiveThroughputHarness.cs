using System.Diagnostics;
using System.Globalization;
using Tickwise.Cli;
using Tickwise.Configuration;
using Tickwise.Core.Market;
using Tickwise.Storage;

namespace Tickwise.Bench;

/// <summary>
/// End-to-end live throughput: the real <c>tickwise run --source binance</c> (in this process) against
/// <see cref="LoopbackBinanceServer"/> sending aggTrades as fast as the socket takes them: WebSocket receive, parse,
/// sequence, channel, aggregate (1s, 1m, 5m, 1h), SQLite. Prints the messages per second and the process's memory,
/// sampled over the run, so a long run shows whether memory stays flat.
/// </summary>
/// <remarks>
/// Usage: <c>dotnet run -c Release --project bench/Tickwise.Bench -- live-throughput [seconds=60] [symbols=4] [sampleSeconds=5] [workDir]</c>.
/// The target is at least 500k messages/s with flat memory over 10 minutes (<c>600</c>). The store grows by about
/// 60 bytes a trade; the database is deleted afterwards.
/// </remarks>
internal static class LiveThroughputHarness
{
    public static void Run(string[] args)
    {
        int seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 60;
        int symbols = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4;
        int sampleSeconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        string work = args.Length > 3 ? args[3] : Path.Combine(Path.GetTempPath(), "tickwise-live-bench");
        Directory.CreateDirectory(work);
        string db = Path.Combine(work, "live.db");
        foreach (string old in Directory.GetFiles(work, "live.db*")) File.Delete(old);

        var server = new LoopbackBinanceServer(symbols);
        server.StartAsync().GetAwaiter().GetResult();
        Console.WriteLine($"live-throughput: {seconds} s, {symbols} symbols, loopback {server.WsUrl}, machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");

        string[] command = ["run", "--source", "binance", "--symbols", string.Join(',', server.Symbols), "--ws-url", server.WsUrl, "--rest-url", server.BaseUrl,
            "--db", db, "--intervals", "1s,1m,5m,1h", "--duration", $"{seconds}s", "--status-every", "1h", "--resume", "false"];
        var clock = Stopwatch.StartNew();
        Task<int> running = Task.Run(() => TickwiseCli.Build(TickwiseSettings.Load()).Parse(command).Invoke());

        Console.WriteLine("  time_s   frames/s   managed_MB   working_set_MB   gen0   gen1   gen2");
        long previousFrames = 0;
        double previousTime = 0;
        var workingSets = new List<double>();
        while (!running.Wait(TimeSpan.FromSeconds(sampleSeconds)))
        {
            double now = clock.Elapsed.TotalSeconds;
            long frames = server.FramesSent;
            double workingSet = Process.GetCurrentProcess().WorkingSet64 / 1e6;
            workingSets.Add(workingSet);
            Console.WriteLine($"  {now,6:F0} {(frames - previousFrames) / (now - previousTime),10:N0} {GC.GetTotalMemory(false) / 1e6,12:F1} {workingSet,16:F1} {GC.CollectionCount(0),6} {GC.CollectionCount(1),6} {GC.CollectionCount(2),6}");
            previousFrames = frames;
            previousTime = now;
        }
        double elapsed = clock.Elapsed.TotalSeconds;
        int exit = running.Result;
        server.StopAsync().GetAwaiter().GetResult();
        if (exit != 0) throw new InvalidOperationException($"run failed with exit code {exit}");

        long stored = 0;
        using (ITickStore store = TickStores.OpenSqlite(db))
        {
            foreach (string symbol in server.Symbols) stored += store.Count(new Symbol(symbol)).Trades;
        }
        long sent = server.FramesSent;
        Console.WriteLine($"live-throughput: {stored:N0} trades stored of {sent:N0} sent in {elapsed:F1} s = {stored / elapsed:N0} msg/s end to end (store {new FileInfo(db).Length / 1e6:F0} MB)");
        if (workingSets.Count >= 4)
        {
            // Flat memory: the second half of the run holds no more than the first half's peak (plus 10%).
            double firstHalf = workingSets.Take(workingSets.Count / 2).Max(), secondHalf = workingSets.Skip(workingSets.Count / 2).Max();
            Console.WriteLine($"live-throughput: working set peak {firstHalf:F0} MB in the first half, {secondHalf:F0} MB in the second: {(secondHalf <= firstHalf * 1.1 ? "flat" : "GROWING")}");
        }
        foreach (string file in Directory.GetFiles(work, "live.db*")) File.Delete(file);
    }
}
