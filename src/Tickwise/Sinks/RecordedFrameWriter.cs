using System.Buffers.Text;
using System.IO.Compression;

namespace Tickwise.Sinks;

/// <summary>
/// Writes stream frames in the recording layout that <c>replay</c> reads: one frame a line, <c>&lt;receive time, Unix
/// ns&gt; &lt;payload&gt;</c>, gzip-compressed when the file name ends in <c>.gz</c>.
/// </summary>
/// <remarks>
/// Thread-safe: several connections' receive loops write through one lock. A frame with a line break in it (valid JSON
/// may have one between tokens) is written with the break replaced by a space, so that a line stays a frame.
/// Dispose closes the file properly (the gzip trailer included), which a recording needs to be read whole.
/// </remarks>
internal sealed class RecordedFrameWriter : IDisposable
{
    private readonly Stream _file;
    private readonly Stream _output;
    private readonly Lock _lock = new();
    private byte[] _line = new byte[64 * 1024];
    private bool _disposed;

    /// <summary>Creates (or replaces) the file.</summary>
    /// <exception cref="IOException">The file cannot be created.</exception>
    public RecordedFrameWriter(string path)
    {
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        _output = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(_file, CompressionLevel.Fastest) : _file;
    }

    /// <summary>Frames written.</summary>
    public long Frames { get; private set; }

    /// <summary>Writes one frame (a <see cref="Binance.Client.FrameObserver"/>).</summary>
    public void Write(long receivedUnixNs, ReadOnlySpan<byte> payload)
    {
        lock (_lock)
        {
            if (_disposed) return;
            int needed = 21 + payload.Length;
            if (_line.Length < needed) _line = new byte[Math.Max(needed, 2 * _line.Length)];
            Utf8Formatter.TryFormat(receivedUnixNs, _line, out int length);
            _line[length++] = (byte)' ';
            for (int i = 0; i < payload.Length; i++)
            {
                byte b = payload[i];
                _line[length++] = b is (byte)'\n' or (byte)'\r' ? (byte)' ' : b;
            }
            _line[length++] = (byte)'\n';
            _output.Write(_line, 0, length);
            Frames++;
        }
    }

    /// <summary>Flushes and closes the file.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            _output.Dispose();
            _file.Dispose();
        }
    }
}
