using System.Buffers;
using System.IO.Compression;

namespace Tickwise.Binance.Files;

/// <summary>What <see cref="DumpLineReader.ReadLine"/> found.</summary>
internal enum LineStatus : byte
{
    End = 0,
    Line = 1,
    /// <summary>A line longer than <see cref="DumpLineReader.MaxLineLength"/>; its bytes were discarded.</summary>
    TooLong = 2,
}

/// <summary>
/// Splits a CSV file, or the one CSV inside a zip, into lines of bytes from a large pooled buffer:
/// no string and no allocation per line.
/// </summary>
internal sealed class DumpLineReader : IDisposable
{
    /// <summary>Longest line accepted; dump lines are under 200 bytes, so anything longer is garbage.</summary>
    public const int MaxLineLength = 4_096;

    private const int BufferSize = 1 << 20;

    private readonly ZipArchive? _zip;
    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _endOfStream;
    private bool _discarding;

    private DumpLineReader(Stream stream, ZipArchive? zip)
    {
        _stream = stream;
        _zip = zip;
        _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    }

    /// <summary>The 1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Opens <paramref name="path"/>, or the single <c>.csv</c> entry of a <c>.zip</c>.</summary>
    /// <exception cref="DumpFormatException">The zip holds no CSV, or more than one.</exception>
    /// <exception cref="IOException">The file cannot be opened or is not a valid zip.</exception>
    public static DumpLineReader Open(string path)
    {
        string fileName = Path.GetFileName(path);
        // bufferSize 1 turns off FileStream's own buffer: this class reads in 1 MB blocks already.
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        if (!path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)) return new DumpLineReader(file, null);

        ZipArchive? zip = null;
        try
        {
            zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: false);
            ZipArchiveEntry? csv = null;
            foreach (ZipArchiveEntry entry in zip.Entries)
            {
                if (!entry.FullName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)) continue;
                if (csv is not null) throw new DumpFormatException(fileName, "the zip holds more than one CSV file; expected exactly one");
                csv = entry;
            }
            if (csv is null) throw new DumpFormatException(fileName, "the zip holds no CSV file; expected exactly one");
            return new DumpLineReader(csv.Open(), zip);
        }
        catch (InvalidDataException e)
        {
            zip?.Dispose();
            file.Dispose();
            throw new DumpFormatException(fileName, "not a valid zip archive: " + e.Message);
        }
        catch
        {
            zip?.Dispose();
            file.Dispose();
            throw;
        }
    }

    /// <summary>Returns the next line without its line break, or <see cref="LineStatus.End"/>.</summary>
    /// <remarks>The span is valid until the next call. A UTF-8 byte order mark before the first line is dropped.</remarks>
    public LineStatus ReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            ReadOnlySpan<byte> pending = _buffer.AsSpan(_start, _end - _start);
            int newline = pending.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = TrimCarriageReturn(pending[..newline]);
                _start += newline + 1;
                return Complete(ref line);
            }
            if (_endOfStream)
            {
                line = TrimCarriageReturn(pending);
                _start = _end;
                if (line.IsEmpty && !_discarding) return LineStatus.End;
                return Complete(ref line);
            }
            if (pending.Length > MaxLineLength)
            {
                // No line break within the limit: drop what is buffered and keep dropping up to the next break.
                _discarding = true;
                _start = _end = 0;
            }
            Fill();
        }
    }

    private LineStatus Complete(ref ReadOnlySpan<byte> line)
    {
        LineNumber++;
        if (LineNumber == 1 && line.StartsWith("\uFEFF"u8)) line = line[3..];
        if (_discarding || line.Length > MaxLineLength)
        {
            _discarding = false;
            line = default;
            return LineStatus.TooLong;
        }
        return LineStatus.Line;
    }

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        // Deflate streams return short reads, so read until the buffer is reasonably full or the stream ends.
        while (_end < _buffer.Length - MaxLineLength)
        {
            int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _endOfStream = true;
                return;
            }
            _end += read;
        }
    }

    private static ReadOnlySpan<byte> TrimCarriageReturn(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    public void Dispose()
    {
        _stream.Dispose();
        _zip?.Dispose();
        byte[] buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
    }
}
