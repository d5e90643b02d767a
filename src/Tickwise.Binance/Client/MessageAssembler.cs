using System.Buffers;
using System.Net.WebSockets;

namespace Tickwise.Binance.Client;

/// <summary>Joins a WebSocket's fragments into whole messages in one pooled buffer that grows up to a limit; a message
/// over the limit is read to its end and dropped, never buffered.</summary>
/// <remarks>One per connection reader: <see cref="NextWindow"/> before each receive, <see cref="Accept"/> after it,
/// <see cref="Message"/> then <see cref="Clear"/> once a message is complete. Disposing returns the buffer to the pool.</remarks>
internal sealed class MessageAssembler(int initialBytes, int maxMessageBytes) : IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(initialBytes);
    private int _length;
    private bool _skipping; // inside a message longer than the limit: read and drop the rest of it

    /// <summary>The message assembled so far (whole after <see cref="Accept"/> returned <see cref="MessageProgress.Complete"/>).</summary>
    public ReadOnlySpan<byte> Message => _buffer.AsSpan(0, _length);

    /// <summary>Returns where the next fragment goes: after the message so far, in a larger buffer when full, or into
    /// a scratch window when the message has outgrown the limit.</summary>
    public Memory<byte> NextWindow()
    {
        // The pool may hand out more than asked, so the limit, not the buffer's length, decides when to stop.
        if (!_skipping && _length >= Math.Min(_buffer.Length, maxMessageBytes))
        {
            if (_length >= maxMessageBytes)
            {
                _skipping = true;
                _length = 0;
            }
            else
            {
                byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, maxMessageBytes));
                _buffer.AsSpan(0, _length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
            }
        }
        return _skipping ? _buffer.AsMemory() : _buffer.AsMemory(_length, Math.Min(_buffer.Length, maxMessageBytes) - _length);
    }

    /// <summary>Takes a received fragment (not a close) and says what it completed.</summary>
    public MessageProgress Accept(in ValueWebSocketReceiveResult result)
    {
        if (_skipping)
        {
            if (!result.EndOfMessage) return MessageProgress.Partial;
            _skipping = false;
            return MessageProgress.Oversized;
        }
        _length += result.Count;
        return result.EndOfMessage ? MessageProgress.Complete : MessageProgress.Partial;
    }

    /// <summary>Forgets the message, keeping the buffer.</summary>
    public void Clear() => _length = 0;

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}

/// <summary>What a fragment completed.</summary>
internal enum MessageProgress
{
    /// <summary>More fragments follow.</summary>
    Partial,

    /// <summary>A message over the limit ended; it was dropped.</summary>
    Oversized,

    /// <summary>A whole message is in <see cref="MessageAssembler.Message"/>.</summary>
    Complete,
}
