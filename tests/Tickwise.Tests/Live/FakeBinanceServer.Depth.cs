using System.Text;
using Microsoft.AspNetCore.Http;

namespace Tickwise.Tests.Live;

/// <summary>The order book side of the fake server: depth diffs on <c>@depth@100ms</c> and snapshots on <c>/api/v3/depth</c>.</summary>
internal sealed partial class FakeBinanceServer
{
    private readonly Dictionary<string, FakeBook> _books = new(StringComparer.Ordinal);
    private int _depthRequests;

    /// <summary>Publishes <paramref name="count"/> depth diffs of <paramref name="symbol"/>: bids 100..149, asks 151..200
    /// (100 and 200 always present), each diff covering one to three update ids and changing one to four levels.</summary>
    public void PublishDepth(string symbol, int count, Random random)
    {
        string stream = symbol.ToLowerInvariant() + "@depth@100ms";
        for (int i = 0; i < count; i++)
        {
            lock (_gate)
            {
                if (!_books.TryGetValue(symbol, out var book)) _books[symbol] = book = new FakeBook();
                long first = book.UpdateId + 1;
                book.UpdateId += random.Next(1, 4);
                var bids = new List<string>();
                var asks = new List<string>();
                for (int k = random.Next(1, 5); k > 0; k--)
                {
                    bool bid = random.Next(2) == 0;
                    int price = bid ? random.Next(100, 150) : random.Next(151, 201);
                    int quantity = price is 100 or 200 ? random.Next(1, 9) : random.Next(0, 9); // 0 removes the level
                    SortedDictionary<int, int> side = bid ? book.Bids : book.Asks;
                    if (quantity == 0) side.Remove(price); else side[price] = quantity;
                    (bid ? bids : asks).Add($"[\"{price}.00\",\"{(quantity == 0 ? "0" : $"{quantity}.5")}\"]");
                }
                string json = $"{{\"stream\":\"{stream}\",\"data\":{{\"e\":\"depthUpdate\",\"E\":{FirstTimeMs + book.UpdateId},\"s\":\"{symbol}\",\"U\":{first},\"u\":{book.UpdateId},\"b\":[{string.Join(',', bids)}],\"a\":[{string.Join(',', asks)}]}}}}";
                byte[] frame = Encoding.UTF8.GetBytes(json);
                foreach (Connection connection in _connections)
                    if (connection.Streams.Contains(stream)) connection.Outbox.Writer.TryWrite(frame);
            }
        }
    }

    /// <summary>Changes the book without telling the stream (a lost diff): a level the client cannot know about.</summary>
    public void LoseDepthDiff(string symbol)
    {
        lock (_gate)
        {
            FakeBook book = _books[symbol];
            book.UpdateId++;
            book.Bids[149] = 7;
        }
    }

    /// <summary>The server's book of <paramref name="symbol"/>: update id, best bid and best ask as (price, quantity) text.</summary>
    public (long UpdateId, string BestBid, string BestBidQuantity, string BestAsk, string BestAskQuantity) BookTop(string symbol)
    {
        lock (_gate)
        {
            FakeBook book = _books[symbol];
            var bid = book.Bids.Last();
            var ask = book.Asks.First();
            return (book.UpdateId, $"{bid.Key}.00", $"{bid.Value}.5", $"{ask.Key}.00", $"{ask.Value}.5");
        }
    }

    public int DepthRequests => Volatile.Read(ref _depthRequests);

    private IResult HandleDepth(HttpContext context)
    {
        Interlocked.Increment(ref _depthRequests);
        string? symbol = context.Request.Query["symbol"];
        lock (_gate)
        {
            if (string.IsNullOrEmpty(symbol) || !_books.TryGetValue(symbol, out FakeBook? book))
                return Results.BadRequest("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
            string bids = string.Join(',', book.Bids.Reverse().Select(l => $"[\"{l.Key}.00\",\"{l.Value}.5\"]"));
            string asks = string.Join(',', book.Asks.Select(l => $"[\"{l.Key}.00\",\"{l.Value}.5\"]"));
            return Results.Text($"{{\"lastUpdateId\":{book.UpdateId},\"bids\":[{bids}],\"asks\":[{asks}]}}", "application/json");
        }
    }

    private sealed class FakeBook
    {
        public long UpdateId { get; set; } = 5000;
        public SortedDictionary<int, int> Bids { get; } = new() { [100] = 1 };
        public SortedDictionary<int, int> Asks { get; } = new() { [200] = 1 };
    }

}
