using Tickwise.Binance.Files;

namespace Tickwise.Sources;

/// <summary>Merges several recorded stream files into one sequence of frames in receive-time order.</summary>
/// <remarks>
/// A k-way merge of the files' current frames: the earliest receive time goes first, and on a tie the file given
/// first, so the order, and everything a replay computes from it, is the same on every run. Each file is read in its
/// own line order (a file whose clock steps back is not re-sorted). Frames are read lazily, one per file at a time,
/// so memory does not grow with the files' size. Not thread-safe.
/// </remarks>
internal sealed class RecordedFrameSource : IDisposable
{
    private readonly RecordedFrameReader[] _readers;
    private readonly bool[] _hasFrame;
    private int _current = -1;
    private bool _started;

    /// <summary>Opens every file in <paramref name="paths"/>; bad lines go to <paramref name="onBadLine"/>.</summary>
    /// <exception cref="ArgumentException">No file is given.</exception>
    /// <exception cref="IOException">A file cannot be opened (those already opened are closed).</exception>
    public RecordedFrameSource(IReadOnlyList<string> paths, Action<DumpLineError> onBadLine)
    {
        if (paths.Count == 0) throw new ArgumentException("Give at least one recorded file.", nameof(paths));
        _readers = new RecordedFrameReader[paths.Count];
        _hasFrame = new bool[paths.Count];
        try
        {
            for (int i = 0; i < paths.Count; i++) _readers[i] = RecordedFrameReader.Open(paths[i], onBadLine);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The files, in the order given.</summary>
    public IReadOnlyList<RecordedFrameReader> Files => _readers;

    /// <summary>Index (in <see cref="Files"/>) of the file the current frame comes from.</summary>
    public int FileIndex => _current;

    /// <summary>The reader positioned on the current frame: its receive time, payload and line number.</summary>
    public RecordedFrameReader Current => _readers[_current];

    /// <summary>Moves to the next frame of all files; false when every file has ended.</summary>
    /// <exception cref="IOException">A file cannot be read.</exception>
    public bool MoveNext()
    {
        if (!_started)
        {
            _started = true;
            for (int i = 0; i < _readers.Length; i++) _hasFrame[i] = _readers[i].MoveNext();
        }
        else if (_current >= 0)
        {
            _hasFrame[_current] = _readers[_current].MoveNext();
        }
        // A handful of files at most: a linear scan beats a heap here.
        _current = -1;
        for (int i = 0; i < _readers.Length; i++)
        {
            if (_hasFrame[i] && (_current < 0 || _readers[i].ReceiveTimeNs < _readers[_current].ReceiveTimeNs)) _current = i;
        }
        return _current >= 0;
    }

    public void Dispose()
    {
        foreach (RecordedFrameReader? reader in _readers) reader?.Dispose();
    }
}
