using Tickwise.Web.Live;

namespace Tickwise.Tests.Web.Live;

public class BatchingStreamTests
{
    /// <summary>A stream that records each write and flush.</summary>
    private sealed class RecordingStream : MemoryStream
    {
        public List<int> Writes { get; } = [];
        public int Flushes { get; private set; }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes.Add(buffer.Length);
            return base.WriteAsync(buffer, cancellationToken);
        }

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            Flushes++;
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task WriteAsync_OutsideABatch_WritesAndFlushesEachAtOnce()
    {
        var inner = new RecordingStream();
        await using var sut = new BatchingStream(inner);

        await sut.WriteAsync(new byte[] { 1, 2 });
        await sut.WriteAsync(new byte[] { 3 });

        inner.Writes.ShouldBe([2, 1]);
        inner.Flushes.ShouldBe(2);
    }

    [Fact]
    public async Task WriteAsync_InABatch_WritesOnceInOrderAtTheEnd()
    {
        var inner = new RecordingStream();
        await using var sut = new BatchingStream(inner);

        sut.BeginBatch();
        await sut.WriteAsync(new byte[] { 1, 2 });
        await sut.WriteAsync(new byte[] { 3 });
        await sut.FlushAsync();
        inner.Writes.ShouldBeEmpty();
        await sut.EndBatchAsync(CancellationToken.None);

        inner.Writes.ShouldBe([3]);
        inner.Flushes.ShouldBe(1);
        inner.ToArray().ShouldBe(new byte[] { 1, 2, 3 });
    }

    [Fact]
    public async Task AbandonBatch_ForgetsTheBatchAndWritesThroughAgain()
    {
        var inner = new RecordingStream();
        await using var sut = new BatchingStream(inner);
        sut.BeginBatch();
        await sut.WriteAsync(new byte[] { 1 });

        sut.AbandonBatch();
        await sut.WriteAsync(new byte[] { 9 });

        inner.ToArray().ShouldBe(new byte[] { 9 });
    }

    [Fact]
    public async Task WriteAsync_BatchOverTheLimit_IsWrittenEarly()
    {
        var inner = new RecordingStream();
        await using var sut = new BatchingStream(inner);
        sut.BeginBatch();

        for (int i = 0; i < 5; i++) await sut.WriteAsync(new byte[100_000]);

        inner.Writes.Count.ShouldBeGreaterThan(0);
        await sut.EndBatchAsync(CancellationToken.None);
        inner.Length.ShouldBe(500_000);
    }

    [Fact]
    public async Task AbandonBatch_AfterTheSocketDisposedTheStream_DoesNothing()
    {
        // The client went away: the WebSocket disposes its stream before the sender's finally abandons the batch.
        var sut = new BatchingStream(new RecordingStream());
        sut.BeginBatch();
        await sut.WriteAsync(new byte[] { 1 });
        await sut.DisposeAsync();

        Should.NotThrow(sut.AbandonBatch);
    }
}
