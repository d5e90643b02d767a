using Tickwise.Binance.Book;
using Tickwise.Core.Market;
using Tickwise.Web.Live;

namespace Tickwise.Tests.Web.Live;

public partial class PublishedBooksTests
{
    [Fact]
    public void Book_NothingPublished_IsNull()
    {
        new PublishedBooks().Book(new Symbol("BTCUSDT"), 10).ShouldBeNull();
    }

    [Fact]
    public void Book_UnsynchronizedBookPublished_IsACopyWithItsState()
    {
        var sut = new PublishedBooks();
        var book = new OrderBook(new Symbol("BTCUSDT"));

        sut.Publish(book);
        BookView view = sut.Book(new Symbol("BTCUSDT"), 10)!;

        view.Synchronized.ShouldBeFalse();
        view.LastUpdateId.ShouldBe(-1);
        view.Bids.ShouldBeEmpty();
        double.IsNaN(view.Mid).ShouldBeTrue();
    }
}
