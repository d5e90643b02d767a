using System.Diagnostics;

namespace Tickwise.Tests.Cli;

/// <summary>Runs the real <c>tickwise</c> executable (built beside the tests) as a child process, as a user would.</summary>
internal static class TickwiseProcess
{
    /// <summary>What a run printed and returned.</summary>
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>Runs <c>tickwise</c> with <paramref name="args"/> in <paramref name="workingDirectory"/> and waits for it (at most two minutes).</summary>
    public static Result Run(string workingDirectory, params string[] args) => Run(workingDirectory, TimeSpan.FromMinutes(2), null, args);

    /// <summary>Runs <c>tickwise</c>; <paramref name="environment"/> adds variables.</summary>
    public static Result Run(string workingDirectory, TimeSpan timeout, IDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "tickwise.dll"));
        foreach (string arg in args) start.ArgumentList.Add(arg);
        if (environment is not null)
            foreach (var (key, value) in environment) start.Environment[key] = value;

        using var process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"tickwise {string.Join(' ', args)} did not finish in {timeout}; stderr: {stderr.Result}");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
