using Spectre.Console;

namespace Tickwise.Cli;

/// <summary>A Spectre.Console progress bar on stderr for long work, when stderr is an interactive terminal.</summary>
/// <remarks>Redirected or non-interactive, it prints one line saying what starts, so that logs stay plain text.</remarks>
internal static class CliProgress
{
    /// <summary>Runs <paramref name="work"/>, which reports progress toward <paramref name="total"/> through the callback it is given.</summary>
    public static async Task<T> RunAsync<T>(string title, double total, Func<Action<double>, Task<T>> work)
    {
        if (Console.IsErrorRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            Console.Error.WriteLine($"tickwise: {title}");
            return await work(_ => { });
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        await console.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                ProgressTask task = context.AddTask(Markup.Escape(title), maxValue: Math.Max(total, 1));
                result = await work(done => task.Value = Math.Min(done, task.MaxValue));
                task.Value = task.MaxValue;
            });
        return result;
    }
}
