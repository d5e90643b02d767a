using System.Buffers;
using System.Buffers.Text;
using System.IO.Compression;
using Tickwise.Binance.Files;
using Tickwise.Core.Market;

namespace Tickwise.Sources;

/// <summary>
/// Reads one recorded stream file frame by frame: one line a frame, <c>&lt;receive time, Unix ns&gt; &lt;payload&gt;</c>,
/// gzip-compressed or plain.
/// </summary>
/// <remarks>
/// Gzip is recognised by its magic bytes, not the file name. Lines are cut from a pooled buffer that grows to the
/// longest line (a depth snapshot of 5,000 levels a side is about 200 kB) up to <see cref="MaxLineLength"/>: no string
/// and no allocation per frame. A line that is not a frame (no space, a receive time that is not digits or not a
/// plausible Unix time in nanoseconds, an empty payload, or longer than the limit) is passed to the bad-line callback
/// with its file and line number and skipped; it never stops the read. A blank line is skipped silently. Corrupt gzip
/// data ends the file early, reported the same way; a truncated gzip file (a recorder stopped mid-write) simply ends,
/// and its cut last line is reported if it is not a valid frame.
/// </remarks>
internal sealed class RecordedFrameReader : IDisposable
{
    /// <summary>Longest line accepted.</summary>
    public const int MaxLineLength = 16 << 20;

    private const int InitialBufferSize = 1 << 20;

    private readonly Stream _stream;
    private readonly Action<DumpLineError> _onBadLine;
    private readonly int _maxLineLength;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _endOfStream;
    private bool _discarding;
    private int _payloadStart;
    private int _payloadLength;

    private RecordedFrameReader(string path, Stream stream, Action<DumpLineError> onBadLine, int maxLineLength)
    {
        Path = path;
        FileName = System.IO.Path.GetFileName(path);
        _stream = stream;
        _onBadLine = onBadLine;
        _maxLineLength = maxLineLength;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialBufferSize, maxLineLength + 1));
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>The file name without its folder, for messages.</summary>
    public string FileName { get; }

    /// <summary>1-based line number of the current frame.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Receive time of the current frame, Unix nanoseconds.</summary>
    public long ReceiveTimeNs { get; private set; }

    /// <summary>Payload of the current frame; valid until the next <see cref="MoveNext"/>.</summary>
    public ReadOnlySpan<byte> Payload => _buffer.AsSpan(_payloadStart, _payloadLength);

    /// <summary>Opens <paramref name="path"/>; bad lines go to <paramref name="onBadLine"/>.</summary>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static RecordedFrameReader Open(string path, Action<DumpLineError> onBadLine, int maxLineLength = MaxLineLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineLength, 64);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        try
        {
            Span<byte> magic = stackalloc byte[2];
            int read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
            file.Position = 0;
            Stream stream = read == 2 && magic[0] == 0x1f && magic[1] == 0x8b ? new GZipStream(file, CompressionMode.Decompress) : file;
            return new RecordedFrameReader(path, stream, onBadLine, maxLineLength);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Moves to the next frame; false at the end of the file.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public bool MoveNext()
    {
        while (TryReadLine(out int lineStart, out int lineLength, out bool tooLong))
        {
            LineNumber++;
            if (tooLong)
            {
                Bad($"the line is longer than {_maxLineLength:N0} bytes");
                continue;
            }
            ReadOnlySpan<byte> line = _buffer.AsSpan(lineStart, lineLength);
            if (line.IsEmpty) continue;
            int space = line.IndexOf((byte)' ');
            if (space <= 0)
            {
                Bad("not a frame: expected '<receive time ns> <payload>'");
                continue;
            }
            if (!Utf8Parser.TryParse(line[..space], out long receiveNs, out int used) || used != space || receiveNs < 0)
            {
                Bad("the receive time is not a whole number of nanoseconds");
                continue;
            }
            if (!Timestamps.IsPlausibleMs(receiveNs / 1_000_000))
            {
                Bad("the receive time is not a Unix time in nanoseconds between 2000 and 2100");
                continue;
            }
            if (space == line.Length - 1)
            {
                Bad("the frame has no payload");
                continue;
            }
            ReceiveTimeNs = receiveNs;
            _payloadStart = lineStart + space + 1;
            _payloadLength = lineLength - space - 1;
            return true;
        }
        _payloadLength = 0;
        return false;
    }

    private void Bad(string reason) => _onBadLine(new DumpLineError(FileName, LineNumber, reason));

    /// <summary>Finds the next line in the buffer, reading more as needed; the line stays valid until the next call.</summary>
    private bool TryReadLine(out int start, out int length, out bool tooLong)
    {
        while (true)
        {
            ReadOnlySpan<byte> pending = _buffer.AsSpan(_start, _end - _start);
            int newline = pending.IndexOf((byte)'\n');
            if (newline >= 0 || (_endOfStream && (pending.Length > 0 || _discarding)))
            {
                length = newline >= 0 ? newline : pending.Length;
                start = _start;
                _start += newline >= 0 ? newline + 1 : pending.Length;
                if (length > 0 && _buffer[start + length - 1] == (byte)'\r') length--;
                tooLong = _discarding || length > _maxLineLength;
                _discarding = false;
                return true;
            }
            if (_endOfStream)
            {
                start = length = 0;
                tooLong = false;
                return false;
            }
            if (pending.Length > _maxLineLength)
            {
                // No line break within the limit: drop what is buffered and keep dropping up to the next break.
                _discarding = true;
                _start = _end = 0;
            }
            Fill();
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            // A line longer than the buffer but within the limit: grow, once per new longest line.
            byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, _maxLineLength + 1));
            _buffer.AsSpan(0, _end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        int read;
        try
        {
            read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        }
        catch (InvalidDataException e)
        {
            // Corrupt compressed data cannot be resynchronized: end this file here, said once, and let the others play on.
            _onBadLine(new DumpLineError(FileName, LineNumber + 1, $"the gzip data is corrupt ({e.Message}); the rest of the file is skipped"));
            read = 0;
        }
        if (read == 0) _endOfStream = true;
        _end += read;
    }

    public void Dispose()
    {
        _stream.Dispose();
        if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
