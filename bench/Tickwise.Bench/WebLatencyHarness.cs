using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Tickwise.Cli;
using Tickwise.Configuration;
using Tickwise.Core.Market;
using Tickwise.Storage;
using Tickwise.Web;
using Tickwise.Web.Live;

namespace Tickwise.Bench;

/// <summary>
/// Live feed and API latency on loopback: trade received by the hub (the ingest thread's <c>OnTrade</c>) to the message
/// parsed by subscribed <see cref="ClientWebSocket"/> clients, at a steady rate, with 1 and with 100 clients; and
/// <c>/api/bars</c> for 10,000 bars.
/// </summary>
/// <remarks>
/// Usage: <c>dotnet run -c Release --project bench/Tickwise.Bench -- web-latency [seconds per scenario] [scenarios]</c>,
/// scenarios a comma-separated subset of <c>feed1,feed100slow,feed100,bars,barparts</c> (default all).
/// Each trade carries its publish time (Stopwatch ticks) as its id, so the client measures the whole path: serialize,
/// dispatch, per-client queue, WebSocket frame (one message, or a batch of them), loopback TCP, client receive; the
/// client finds the ids by scanning for <c>"id":</c> rather than parsing the JSON, as it shares the two cores. The publisher sends the
/// trades due every millisecond in a burst, as an ingest batch would.
/// </remarks>
internal static class WebLatencyHarness
{
    public static void Run(string[] args)
    {
        double seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        string[] scenarios = args.Length > 1 ? args[1].Split(',') : ["feed1", "feed100slow", "feed100", "bars", "barparts"];
        string work = Path.Combine(Path.GetTempPath(), "tickwise-web-bench");
        if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        Directory.CreateDirectory(work);
        string db = Path.Combine(work, "web.db");
        int exit = TickwiseCli.Build(TickwiseSettings.Load()).Parse(["simulate", "--symbols", "BTCUSDT", "--duration", "3h", "--intervals", "1s,1m", "--db", db]).Invoke();
        if (exit != 0) throw new InvalidOperationException($"simulate failed with exit code {exit}");
        Console.WriteLine($"web-latency: machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; {seconds} s per scenario");

        using ITickStore store = TickStores.OpenSqlite(db);
        var hub = new LiveFeedHub([Interval.OneSecond, Interval.OneMinute], store);
        var health = new LiveHealthSource("bench", db, null, hub, TimeProvider.System);
        TickwiseWebHost host = TickwiseWebHost.StartAsync("http://127.0.0.1:0", new WebContext(store, health, hub, null, null)).GetAwaiter().GetResult();
        try
        {
            var address = new Uri(host.Addresses[0]);
            if (scenarios.Contains("feed1")) Feed(hub, address, rate: 20_000, clients: 1, seconds);
            if (scenarios.Contains("feed100slow")) Feed(hub, address, rate: 2_000, clients: 100, seconds);
            if (scenarios.Contains("feed100")) Feed(hub, address, rate: 20_000, clients: 100, seconds);
            if (scenarios.Contains("bars")) Bars(address);
            if (scenarios.Contains("barparts")) BarParts(store);
        }
        finally
        {
            host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static void Feed(LiveFeedHub hub, Uri address, int rate, int clients, double seconds)
    {
        int total = (int)(rate * seconds);
        var sockets = new ClientWebSocket[clients];
        var latencies = new List<double>[clients];
        for (int c = 0; c < clients; c++)
        {
            sockets[c] = new ClientWebSocket();
            sockets[c].ConnectAsync(new Uri($"ws://{address.Authority}/ws"), CancellationToken.None).GetAwaiter().GetResult();
            sockets[c].SendAsync(Encoding.UTF8.GetBytes("""{"op":"subscribe","channels":["trades:BENCHUSDT"]}"""), WebSocketMessageType.Text, true, CancellationToken.None).GetAwaiter().GetResult();
            latencies[c] = new List<double>(total);
            // The "subscribed" reply: the client is registered before the first trade is published.
            sockets[c].ReceiveAsync(new byte[4096], CancellationToken.None).GetAwaiter().GetResult();
        }
        while (!hub.HasSubscribers("trades:BENCHUSDT") || hub.ClientCount < clients) Thread.Sleep(10);
        long droppedBefore = hub.MessagesDropped;
        using var stop = new CancellationTokenSource();
        Task[] readers = [.. Enumerable.Range(0, clients).Select(c => Task.Run(() => ReadAsync(sockets[c], latencies[c], total, stop.Token)))];

        var symbol = new Symbol("BENCHUSDT");
        var clock = Stopwatch.StartNew();
        int sent = 0;
        while (sent < total)
        {
            long due = Math.Min(total, (long)(clock.Elapsed.TotalSeconds * rate));
            for (; sent < due; sent++)
                hub.OnTrade(new Trade(symbol, Stopwatch.GetTimestamp(), new Price(6_160_202_000_000 + sent), new Quantity(536_000), 1_723_161_600_000 + sent / 20, AggressorSide.Buyer));
            Thread.Sleep(1);
        }
        double sendSeconds = clock.Elapsed.TotalSeconds;
        Task.WaitAll(readers, TimeSpan.FromSeconds(seconds + 30));
        stop.Cancel();
        foreach (ClientWebSocket socket in sockets) socket.Abort();

        // The first fifth is warm-up (JIT, thread pool growth, TCP windows) and is left out of the percentiles.
        double[] all = [.. latencies.SelectMany(l => l.Skip(l.Count / 5)).Order()];
        long received = latencies.Sum(l => (long)l.Count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"web-latency: trade -> /ws client, {rate:N0} msg/s x {clients} client(s) ({total / sendSeconds:N0} msg/s achieved): received {received:N0} of {(long)total * clients:N0}, " +
            $"dropped {hub.MessagesDropped - droppedBefore:N0}; p50 {Percentile(all, 0.50):F2} ms, p99 {Percentile(all, 0.99):F2} ms, max {(all.Length > 0 ? all[^1] : double.NaN):F2} ms"));
        while (hub.ClientCount > 0) Thread.Sleep(10);
    }

    private static async Task ReadAsync(ClientWebSocket socket, List<double> latencies, int expected, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (latencies.Count < expected)
            {
                int length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
                    length += result.Count;
                }
                while (!result.EndOfMessage);
                if (result.MessageType == WebSocketMessageType.Close) return;
                // A frame is one message or an array of them: every trade id in it is one received message.
                long now = Stopwatch.GetTimestamp();
                ReadOnlySpan<byte> rest = buffer.AsSpan(0, length);
                while (NextTradeId(ref rest, out long id)) latencies.Add((now - id) * 1000.0 / Stopwatch.Frequency);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // the scenario ended
        }
    }

    /// <summary>Finds the next <c>"id":</c> in the frame and parses its number; the clients share the server's two cores,
    /// so they read only the one number they need instead of parsing the JSON.</summary>
    private static bool NextTradeId(ref ReadOnlySpan<byte> frame, out long id)
    {
        id = 0;
        int at = frame.IndexOf("\"id\":"u8);
        if (at < 0) return false;
        frame = frame[(at + 5)..];
        if (!System.Buffers.Text.Utf8Parser.TryParse(frame, out id, out int consumed)) return false;
        frame = frame[consumed..];
        return true;
    }

    private static void Bars(Uri address)
    {
        using var http = new HttpClient { BaseAddress = address };
        const string path = "/api/bars?symbol=BTCUSDT&interval=1s&limit=10000";
        string first = http.GetStringAsync(path).GetAwaiter().GetResult();
        int rows = JsonDocument.Parse(first).RootElement.GetArrayLength();
        // The client reads each body through one reused buffer: it shares the process and its GC with the server, and
        // buffering 1.7 MB bodies on the large object heap made gen2 collections that paused the server too.
        var body = new byte[64 * 1024];
        // Two measurements: soon after start (50 requests in), and in the steady state of a server that has been up
        // for a while. Tiered JIT takes well over 50 requests to settle the read and render loops (tier 0, then the
        // instrumented tier, then tier 1, compiled on a background thread that competes for the two cores), and until
        // then it costs several ms of CPU per request.
        for (int i = 0; i < 50; i++) Get();
        Measure("50 requests in");
        for (int i = 0; i < 1_000; i++) Get();
        Measure("steady, 1,250 requests in");

        void Measure(string phase)
        {
            var times = new double[200];
            int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
            TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
            for (int i = 0; i < times.Length; i++)
            {
                long start = Stopwatch.GetTimestamp();
                Get();
                times[i] = (Stopwatch.GetTimestamp() - start) * 1000.0 / Stopwatch.Frequency;
            }
            double cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / times.Length;
            Array.Sort(times);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"web-latency: GET /api/bars {rows:N0} bars ({first.Length / 1024} KiB JSON), {phase}, {times.Length} requests: p50 {Percentile(times, 0.5):F2} ms, p99 {Percentile(times, 0.99):F2} ms, max {times[^1]:F2} ms; " +
                $"CPU (server and client) {cpuMs:F1} ms per request; GCs gen0/1/2 {GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2} ({(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC)"));
        }

        void Get()
        {
            using HttpResponseMessage response = http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult();
            using Stream content = response.Content.ReadAsStream();
            while (content.Read(body, 0, body.Length) > 0) { }
        }
    }

    /// <summary>The server's share of <c>/api/bars</c> without HTTP: the store read, and the JSON rendering.</summary>
    private static void BarParts(ITickStore store)
    {
        var symbol = new Symbol("BTCUSDT");
        var read = new double[200];
        var render = new double[200];
        var output = new System.Buffers.ArrayBufferWriter<byte>(2 << 20);
        for (int i = 0; i < read.Length; i++)
        {
            long start = Stopwatch.GetTimestamp();
            using Tickwise.Web.Analysis.PooledBars bars = Tickwise.Web.Analysis.StoredSeries.RentBars(store, symbol, Interval.OneSecond, null, null, 10_000);
            long mid = Stopwatch.GetTimestamp();
            output.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true })) Tickwise.Web.Api.BarRowsResult.WriteJsonRows(writer, bars.Span);
            read[i] = (mid - start) * 1000.0 / Stopwatch.Frequency;
            render[i] = (Stopwatch.GetTimestamp() - mid) * 1000.0 / Stopwatch.Frequency;
        }
        // The streamed read as /api/bars runs it: the first chunk before the response starts, the rest read ahead.
        var first = new double[200];
        var streamed = new double[200];
        int gen2 = GC.CollectionCount(2);
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < first.Length; i++)
        {
            long start = Stopwatch.GetTimestamp();
            Tickwise.Web.Api.BarStream stream = Tickwise.Web.Api.BarStream.Open(store, symbol, Interval.OneSecond, null, null, 10_000);
            first[i] = (Stopwatch.GetTimestamp() - start) * 1000.0 / Stopwatch.Frequency;
            int rows = 0;
            while (stream.NextAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult()) rows += stream.Current.Length;
            stream.DisposeAsync().AsTask().GetAwaiter().GetResult();
            if (rows != 10_000) throw new InvalidOperationException($"streamed {rows} bars, expected 10,000");
            streamed[i] = (Stopwatch.GetTimestamp() - start) * 1000.0 / Stopwatch.Frequency;
        }
        long allocatedPerRead = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / first.Length;
        gen2 = GC.CollectionCount(2) - gen2;
        Array.Sort(read);
        Array.Sort(render);
        Array.Sort(first);
        Array.Sort(streamed);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"web-latency: 10,000 bars without HTTP: store read p50 {Percentile(read, 0.5):F2} ms, p99 {Percentile(read, 0.99):F2} ms; JSON render p50 {Percentile(render, 0.5):F2} ms, p99 {Percentile(render, 0.99):F2} ms; " +
            $"streamed read: first chunk p50 {Percentile(first, 0.5):F2} ms, p99 {Percentile(first, 0.99):F2} ms, all chunks p50 {Percentile(streamed, 0.5):F2} ms, p99 {Percentile(streamed, 0.99):F2} ms, {allocatedPerRead:N0} B allocated per read, {gen2} gen2 GCs"));
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
