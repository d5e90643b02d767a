using Microsoft.Data.Sqlite;
using Tickwise.Core.Market;
using Tickwise.Storage;
using Tickwise.Storage.Sqlite;
using Tickwise.Tests.Cli;
using Tickwise.Web.Analysis;
using Tickwise.Web.Api;

namespace Tickwise.Tests.Web.Api;

public sealed class BarStreamTests : IDisposable
{
    private const long StartMs = 1_723_161_600_000;
    private static readonly Symbol Btc = new("BTCUSDT");

    private readonly TempDirectory _dir = new();
    private readonly SqliteTickStore _store;

    public BarStreamTests()
    {
        _store = SqliteTickStore.Open(_dir.File("bars.db"));
        // 2,000 one-second bars with a gap every 7th second, so "the latest N" is not N slots back from the end.
        var bars = new List<Bar>();
        for (int second = 0; bars.Count < 2_000; second++)
            if (second % 7 != 3) bars.Add(At(second));
        _store.UpsertBars([.. bars]);
    }

    public void Dispose()
    {
        _store.Dispose();
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Theory]
    [InlineData(null, null, 1)]
    [InlineData(null, null, 255)]
    [InlineData(null, null, 256)]
    [InlineData(null, null, 257)]
    [InlineData(null, null, 1_999)]
    [InlineData(null, null, 2_000)]
    [InlineData(null, null, 5_000)]
    [InlineData(null, 1_000, 600)]
    [InlineData(null, 1_000, 2_000)]
    [InlineData(100, null, 1_000)]
    [InlineData(100, 2_000, 5_000)]
    [InlineData(5_000, null, 10)]
    public async Task Open_AnyRangeAndLimit_StreamsWhatStoredSeriesReads(int? fromSecond, int? toSecond, int limit)
    {
        long? fromMs = fromSecond is { } f ? StartMs + f * 1_000L : null;
        long? toMs = toSecond is { } t ? StartMs + t * 1_000L : null;
        Bar[] expected = StoredSeries.Bars(_store, Btc, Interval.OneSecond, fromMs, toMs, limit);

        await using BarStream sut = BarStream.Open(_store, Btc, Interval.OneSecond, fromMs, toMs, limit);

        (await ReadAll(sut)).ShouldBe(expected);
    }

    [Fact]
    public async Task NextAsync_StoredBarInvalidAfterTheFirstChunk_ThrowsStoreException()
    {
        CorruptVolumeAt(1_000);

        await using BarStream sut = BarStream.Open(_store, Btc, Interval.OneSecond, StartMs, null, 5_000);

        await Should.ThrowAsync<StoreException>(() => ReadAll(sut));
    }

    [Fact]
    public void Open_StoredBarInvalidInTheFirstChunk_ThrowsBeforeAnyChunkIsReturned()
    {
        CorruptVolumeAt(10);

        Should.Throw<StoreException>(() => BarStream.Open(_store, Btc, Interval.OneSecond, StartMs, null, 5_000));
    }

    [Fact]
    public async Task DisposeAsync_AfterTheFirstChunk_StopsTheReaderAndFreesTheStore()
    {
        BarStream sut = BarStream.Open(_store, Btc, Interval.OneSecond, StartMs, null, 5_000);
        (await sut.NextAsync(CancellationToken.None)).ShouldBeTrue();

        await sut.DisposeAsync();

        // The reader's connection went back to the store: the next read uses it, and every row is still there.
        _store.ReadBars(Btc, Interval.OneSecond, TimeRange.All).Count().ShouldBe(2_000);
    }

    private static async Task<List<Bar>> ReadAll(BarStream stream)
    {
        var rows = new List<Bar>();
        while (await stream.NextAsync(CancellationToken.None))
        {
            stream.Current.Length.ShouldBeLessThanOrEqualTo(BarStream.ChunkRows);
            foreach (Bar bar in stream.Current) rows.Add(bar);
        }
        return rows;
    }

    private void CorruptVolumeAt(int index)
    {
        long openMs = _store.ReadBars(Btc, Interval.OneSecond, TimeRange.All).ElementAt(index).OpenTimeMs;
        using var connection = new SqliteConnection($"Data Source={_store.Path};Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "UPDATE bars SET volume = 'not a number' WHERE open_time_ms = $open";
        command.Parameters.AddWithValue("$open", openMs);
        command.ExecuteNonQuery().ShouldBe(1);
    }

    private static Bar At(int second) =>
        new(Btc, Interval.OneSecond, StartMs + second * 1_000L, new Price(100 + second), new Price(200 + second), new Price(50), new Price(150),
            1.25m + second, 100.00000001m * second, second, 0.5m, 0m);
}
