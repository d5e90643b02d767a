using Tickwise.Binance.Files;
using Tickwise.Ingest;
using Tickwise.Storage;

namespace Tickwise.Cli;

/// <summary>Runs a command body and turns failures into one line on stderr and a non-zero exit code.</summary>
internal static class CommandRunner
{
    /// <summary>Exit code of a failed command.</summary>
    public const int Failure = 1;

    /// <summary>Exit code of a command stopped by Ctrl+C before it finished its work.</summary>
    public const int Cancelled = 130;

    /// <summary>Runs <paramref name="body"/>; prints <c>tickwise: error: ...</c> and returns 1 on a failure.</summary>
    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception e) when (IsUserFacing(e))
        {
            return Fail(e.Message);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("tickwise: cancelled");
            return Cancelled;
        }
        catch (Exception e)
        {
            // Unexpected: still one line, with the stack trace only when asked for.
            if (Environment.GetEnvironmentVariable("TICKWISE_DEBUG") == "1") Console.Error.WriteLine(e);
            return Fail($"{e.GetType().Name}: {e.Message} (set TICKWISE_DEBUG=1 for details)");
        }
    }

    private static bool IsUserFacing(Exception e) =>
        e is CliException or ImportException or StoreException or DumpFormatException or IOException or UnauthorizedAccessException;

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"tickwise: error: {message.ReplaceLineEndings(" ")}");
        return Failure;
    }
}
