using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Tickwise.Tests.Web;

/// <summary>A running <c>tickwise</c> that serves the web API: its stderr collected as it comes, its address read from
/// the "serving" line, stopped with SIGTERM as a service manager (or Ctrl+C) would.</summary>
internal sealed partial class ServingProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private ServingProcess(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>Starts <c>tickwise</c> with <paramref name="args"/> in <paramref name="workingDirectory"/>.</summary>
    public static ServingProcess Start(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "tickwise.dll"));
        foreach (string arg in args) start.ArgumentList.Add(arg);
        return new ServingProcess(Process.Start(start)!);
    }

    /// <summary>Waits for the "serving http://..." line and returns the address.</summary>
    public async Task<Uri> AddressAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            Match match = Serving().Match(Stderr);
            if (match.Success) return new Uri(match.Groups[1].Value);
            if (_process.HasExited) throw new InvalidOperationException($"tickwise exited ({_process.ExitCode}) before serving: {Stderr}");
            await Task.Delay(50);
        }
        throw new TimeoutException($"tickwise did not start serving within {timeout}: {Stderr}");
    }

    /// <summary>Waits until stderr contains <paramref name="text"/>.</summary>
    public async Task WaitForAsync(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!Stderr.Contains(text, StringComparison.Ordinal))
        {
            if (clock.Elapsed > timeout || _process.HasExited) throw new TimeoutException($"no '{text}' within {timeout}: {Stderr}");
            await Task.Delay(50);
        }
    }

    /// <summary>Sends SIGTERM and waits for the exit.</summary>
    public async Task<(int ExitCode, string Stderr)> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        using var wait = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(wait.Token);
        return (_process.ExitCode, Stderr);
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    [GeneratedRegex(@"serving (http://[0-9.]+:[0-9]+)")]
    private static partial Regex Serving();
}
