using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Tickwise.Testing;

namespace Tickwise.Dashboard.Tests;

/// <summary>The real <c>tickwise</c> executable replaying the recorded BTCUSDT and ETHUSDT frames and serving the API and the dashboard on 127.0.0.1.</summary>
/// <remarks>
/// Runs <c>tickwise replay FILES --speed S --urls http://127.0.0.1:PORT --serve --db TEMP</c> as a user would (the
/// dashboard is the <c>wwwroot</c> the build copies beside <c>tickwise.dll</c>). The port is a free one found
/// beforehand so that the address is known without parsing the process's output. Disposing kills the process tree
/// and deletes the temporary directory.
/// </remarks>
internal sealed class DashboardServer : IAsyncDisposable
{
    /// <summary>The recorded frames the server replays: both symbols, both days (2024-08-08 23:54 to 00:05 UTC).</summary>
    public static IReadOnlyList<string> ReplayFiles { get; } =
    [
        RepositoryPaths.Binance("ws", "spot", "btcusdt_20240808.gz"),
        RepositoryPaths.Binance("ws", "spot", "btcusdt_20240809.gz"),
        RepositoryPaths.Binance("ws", "spot", "ethusdt_20240808.gz"),
        RepositoryPaths.Binance("ws", "spot", "ethusdt_20240809.gz"),
    ];

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _directory;

    private DashboardServer(Process process, Uri baseAddress, string directory)
    {
        _process = process;
        BaseAddress = baseAddress;
        _directory = directory;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri BaseAddress { get; }

    /// <summary>A client of the server's API.</summary>
    public HttpClient Http { get; }

    /// <summary>What the process printed so far (stdout and stderr interleaved), for failure messages.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Starts the replay at <paramref name="speed"/> ("max", "5", ...) and waits until the API answers with bars of both symbols.</summary>
    /// <param name="speed">The replay pace.</param>
    /// <param name="minimumMinuteBars">1m bars of ETHUSDT to wait for (the last symbol replayed); 0 waits only for the first 1s bars.</param>
    /// <exception cref="InvalidOperationException">The process ended or the data did not come within two minutes.</exception>
    public static async Task<DashboardServer> StartReplayAsync(string speed, int minimumMinuteBars)
    {
        string directory = Directory.CreateTempSubdirectory("tickwise-dashboard-").FullName;
        int port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "tickwise.dll"));
        start.ArgumentList.Add("replay");
        foreach (string file in ReplayFiles) start.ArgumentList.Add(file);
        foreach (string arg in new[] { "--speed", speed, "--urls", $"http://127.0.0.1:{port}", "--serve", "--db", Path.Combine(directory, "replay.db") })
            start.ArgumentList.Add(arg);

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet tickwise.dll did not start");
        var server = new DashboardServer(process, new Uri($"http://127.0.0.1:{port}/"), directory);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitForDataAsync(minimumMinuteBars, TimeSpan.FromMinutes(2));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary>Returns the JSON of a GET on the API.</summary>
    public async Task<JsonElement> GetJsonAsync(string pathAndQuery)
    {
        using HttpResponseMessage response = await Http.GetAsync(pathAndQuery);
        string body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {pathAndQuery}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Whether the server's OpenAPI document lists <paramref name="method"/> on <paramref name="path"/> (a feature that is not built yet is not listed).</summary>
    public async Task<bool> HasOperationAsync(string method, string path)
    {
        JsonElement document = await GetJsonAsync("/openapi/v1.json");
        return document.TryGetProperty("paths", out JsonElement paths)
            && paths.TryGetProperty(path, out JsonElement item)
            && item.TryGetProperty(method.ToLowerInvariant(), out _);
    }

    private async Task WaitForDataAsync(int minimumMinuteBars, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        string last = "no answer yet";
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"tickwise exited with {_process.ExitCode} before serving data:\n{Output}");
            try
            {
                JsonElement btc = await GetJsonAsync("/api/bars?symbol=BTCUSDT&interval=1s&limit=5");
                JsonElement eth = await GetJsonAsync("/api/bars?symbol=ETHUSDT&interval=1m&limit=100");
                last = $"BTCUSDT 1s bars: {btc.GetArrayLength()}, ETHUSDT 1m bars: {eth.GetArrayLength()}";
                if (btc.GetArrayLength() > 0 && eth.GetArrayLength() >= Math.Max(1, minimumMinuteBars)) return;
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException)
            {
                last = e.Message;
            }
            await Task.Delay(250);
        }
        throw new InvalidOperationException($"tickwise served no data in {timeout} ({last}):\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Kills the server and deletes its store.</summary>
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file the killed process held may linger a moment; the directory is under the system temp folder.
        }
    }
}
