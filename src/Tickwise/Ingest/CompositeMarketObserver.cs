using Tickwise.Core.Market;

namespace Tickwise.Ingest;

/// <summary>Hands every event to several observers in order: the ingest takes one observer, the process may have many
/// (indicator CSV, the live feed, alerts).</summary>
/// <remarks>Each observer must itself be quick and must not throw (see <see cref="IMarketObserver"/>).</remarks>
internal sealed class CompositeMarketObserver : IMarketObserver
{
    private readonly IMarketObserver[] _observers;

    private CompositeMarketObserver(IMarketObserver[] observers) => _observers = observers;

    /// <summary>Returns one observer for the non-null ones given: null for none, the observer itself for one.</summary>
    public static IMarketObserver? Of(params IMarketObserver?[] observers)
    {
        var list = new List<IMarketObserver>(observers.Length);
        foreach (IMarketObserver? observer in observers)
        {
            if (observer is not null) list.Add(observer);
        }
        return list.Count switch
        {
            0 => null,
            1 => list[0],
            _ => new CompositeMarketObserver([.. list]),
        };
    }

    /// <inheritdoc/>
    public void OnTrade(in Trade trade)
    {
        foreach (IMarketObserver observer in _observers) observer.OnTrade(trade);
    }

    /// <inheritdoc/>
    public void OnQuote(in Quote quote)
    {
        foreach (IMarketObserver observer in _observers) observer.OnQuote(quote);
    }

    /// <inheritdoc/>
    public void OnBarClosed(in Bar bar)
    {
        foreach (IMarketObserver observer in _observers) observer.OnBarClosed(bar);
    }
}
