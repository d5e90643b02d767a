using Tickwise.Core.Market;

namespace Tickwise.Ingest;

/// <summary>Hands every market event to several observers in order, because <see cref="MarketEventIngest"/> takes one.</summary>
/// <remarks>Allocation-free per event (an array loop). Observers must not throw (the <see cref="IMarketObserver"/> contract);
/// if one does, the exception propagates and the later ones do not see that event.</remarks>
internal sealed class CompositeMarketObserver : IMarketObserver
{
    private readonly IMarketObserver[] _observers;

    /// <summary>Combines the non-null <paramref name="observers"/>.</summary>
    public CompositeMarketObserver(params IMarketObserver?[] observers)
    {
        ArgumentNullException.ThrowIfNull(observers);
        _observers = [.. observers.Where(o => o is not null).Select(o => o!)];
    }

    /// <summary>Gets how many observers are combined.</summary>
    public int Count => _observers.Length;

    /// <summary>Returns null for no observer, the observer itself for one, and a composite for more.</summary>
    public static IMarketObserver? Of(params IMarketObserver?[] observers)
    {
        var composite = new CompositeMarketObserver(observers);
        return composite.Count switch { 0 => null, 1 => composite._observers[0], _ => composite };
    }

    /// <inheritdoc/>
    public void OnTrade(in Trade trade)
    {
        foreach (IMarketObserver observer in _observers) observer.OnTrade(in trade);
    }

    /// <inheritdoc/>
    public void OnQuote(in Quote quote)
    {
        foreach (IMarketObserver observer in _observers) observer.OnQuote(in quote);
    }

    /// <inheritdoc/>
    public void OnBarClosed(in Bar bar)
    {
        foreach (IMarketObserver observer in _observers) observer.OnBarClosed(in bar);
    }
}
