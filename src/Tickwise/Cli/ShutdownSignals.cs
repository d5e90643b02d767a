using System.Runtime.InteropServices;

namespace Tickwise.Cli;

/// <summary>Ctrl+C (SIGINT) and SIGTERM for the whole process: the first asks the running command to stop (it stops
/// reading, drains its queues, flushes the store and exits 0); a second one forces the exit at once.</summary>
/// <remarks>
/// System.CommandLine's own handler is turned off (<c>ProcessTerminationTimeout = null</c>) because it waits for the
/// command inside the signal handler and then forces an exit two seconds after the first signal, whether or not the
/// store has been flushed, and a second Ctrl+C cannot reach it meanwhile. Here the first signal only cancels
/// <see cref="Token"/> (off the signal thread, so cancellation callbacks never hold it), and the second exits with 130
/// (SIGINT) or 143 (SIGTERM), as a shell reports a process killed by the signal.
/// A signal within <see cref="RepeatWindow"/> of the first is the same request delivered twice, not a second one:
/// <c>timeout</c> signals its command and then its whole process group (the command again), so one expiry could
/// otherwise force the exit before the store was flushed.
/// </remarks>
internal sealed class ShutdownSignals : IDisposable
{
    /// <summary>Exit code after a forced stop by a second SIGINT.</summary>
    public const int ForcedByInterrupt = 130;

    /// <summary>Exit code after a forced stop by a second SIGTERM.</summary>
    public const int ForcedByTerminate = 143;

    /// <summary>How soon after the first signal another one is taken as the same request (a person pressing Ctrl+C
    /// twice on purpose is slower; duplicates from <c>timeout</c> and supervisors come within milliseconds).</summary>
    internal static readonly TimeSpan RepeatWindow = TimeSpan.FromMilliseconds(500);

    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;

    /// <summary>When the first signal came (a <see cref="System.Diagnostics.Stopwatch"/> timestamp), or 0 before one.</summary>
    private long _firstSignalTimestamp;

    /// <summary>Starts handling SIGINT and SIGTERM until disposed.</summary>
    public ShutdownSignals()
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _stop.Token;

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _stop.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true; // never the runtime's default: this class decides
        long now = System.Diagnostics.Stopwatch.GetTimestamp();
        long first = Interlocked.CompareExchange(ref _firstSignalTimestamp, now, 0);
        if (first == 0)
        {
            Console.Error.WriteLine("tickwise: stopping: draining and flushing the store (press Ctrl+C again to force)");
            ThreadPool.UnsafeQueueUserWorkItem(static stop => stop.Cancel(), _stop, preferLocal: false);
            return;
        }
        if (System.Diagnostics.Stopwatch.GetElapsedTime(first, now) < RepeatWindow)
        {
            Console.Error.WriteLine("tickwise: still stopping (a signal right after the first is taken as the same one; send it again to force)");
            return;
        }
        Console.Error.WriteLine("tickwise: forced to stop before the store was flushed");
        Environment.Exit(context.Signal == PosixSignal.SIGTERM ? ForcedByTerminate : ForcedByInterrupt);
    }
}
