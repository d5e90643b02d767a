using Tickwise.Core.Indicators;
using Tickwise.Core.Market;

namespace Tickwise.Core.Analytics;

/// <summary>Short-term state of one symbol: the mid price against the moving average of bar closes (with the time of
/// each cross), book pressure from the micro-price, and the quoted spread.</summary>
/// <remarks>
/// <para>Pure: fed <see cref="Quote"/>s (best bid/ask) and closed <see cref="Bar"/>s, in time order; no clock. Both
/// updates are O(1) and allocate nothing.</para>
/// <para>Mid = (bid + ask) / 2. The state is <see cref="CrossoverState.Over"/> when mid &gt; SMA + band,
/// <see cref="CrossoverState.Under"/> when mid &lt; SMA - band (band = <see cref="CrossoverTrackerOptions.NeutralBandBps"/>
/// of the SMA), <see cref="CrossoverState.Neutral"/> in between or until the SMA is ready. It is re-evaluated at
/// every quote and every bar close. A cross is a move to Over or Under opposite to the last non-neutral state
/// (a pass through Neutral does not count twice); its time is that of the quote or bar close that showed it
/// (a bar's close time is its open time + interval).</para>
/// <para>Micro-price = (bid · askQty + ask · bidQty) / (bidQty + askQty). It lies at mid + imbalance · half spread,
/// imbalance = (bidQty - askQty) / (bidQty + askQty): pressure is <see cref="BookPressure.Ask"/> when the imbalance
/// exceeds the tolerance, <see cref="BookPressure.Bid"/> below minus the tolerance, otherwise (or with both
/// quantities zero, or a locked book) <see cref="BookPressure.Neutral"/>.</para>
/// <para>Quotes and bars of other symbols are ignored. An invalid quote (a zero price, or bid above ask) is ignored
/// and counted in <see cref="RejectedQuoteCount"/>; bars of other intervals are ignored.</para>
/// </remarks>
public sealed class CrossoverTracker
{
    private readonly Sma _sma;
    private readonly double _band;
    private readonly double _tolerance;
    private CrossoverState _lastDirection;

    /// <summary>Creates a tracker for <paramref name="symbol"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="symbol"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (see <see cref="CrossoverTrackerOptions.Validate"/>).</exception>
    public CrossoverTracker(Symbol symbol, CrossoverTrackerOptions? options = null)
    {
        if (symbol.IsEmpty) throw new ArgumentException("The tracker needs a symbol.", nameof(symbol));
        Options = options ?? new CrossoverTrackerOptions();
        Options.Validate();
        Symbol = symbol;
        _sma = new Sma(Options.SmaBars);
        _band = Options.NeutralBandBps / 10_000;
        _tolerance = Options.PressureTolerance;
        Reset();
    }

    /// <summary>Gets the tracked symbol.</summary>
    public Symbol Symbol { get; }

    /// <summary>Gets the settings.</summary>
    public CrossoverTrackerOptions Options { get; }

    /// <summary>Gets the mid price of the last valid quote, or NaN before one.</summary>
    public double MidPrice { get; private set; }

    /// <summary>Gets the moving average of the last <see cref="CrossoverTrackerOptions.SmaBars"/> closes, or NaN until that many bars closed.</summary>
    public double Sma => _sma.Value;

    /// <summary>Gets the mid against the average.</summary>
    public CrossoverState State { get; private set; }

    /// <summary>Gets the time (Unix ms) of the last cross, or null before the first.</summary>
    public long? LastCrossTimeMs { get; private set; }

    /// <summary>Gets the direction of the last cross (Over or Under), or Neutral before the first.</summary>
    public CrossoverState LastCrossDirection => LastCrossTimeMs is null ? CrossoverState.Neutral : _lastDirection;

    /// <summary>Gets the number of crosses seen.</summary>
    public long CrossCount { get; private set; }

    /// <summary>Gets the micro-price of the last valid quote, or NaN before one or when both quantities are zero.</summary>
    public double MicroPrice { get; private set; }

    /// <summary>Gets (bidQty - askQty) / (bidQty + askQty) of the last valid quote, in [-1, 1]; NaN when undefined.</summary>
    public double Imbalance { get; private set; }

    /// <summary>Gets the book pressure of the last valid quote.</summary>
    public BookPressure Pressure { get; private set; }

    /// <summary>Gets ask - bid of the last valid quote, exact; 0 before one.</summary>
    public decimal QuotedSpread { get; private set; }

    /// <summary>Gets the quoted spread in basis points of the mid, or NaN before a quote.</summary>
    public double QuotedSpreadBps { get; private set; }

    /// <summary>Gets the time (Unix ms) of the last valid quote, or null.</summary>
    public long? LastQuoteTimeMs { get; private set; }

    /// <summary>Gets the quotes of this symbol ignored as invalid.</summary>
    public long RejectedQuoteCount { get; private set; }

    /// <summary>Feeds the best bid/ask; returns whether it was used (its symbol matches and it is valid).</summary>
    public bool OnQuote(in Quote quote)
    {
        if (quote.Symbol != Symbol) return false;
        if (!quote.IsValid)
        {
            RejectedQuoteCount++;
            return false;
        }

        double bid = quote.BidPrice.ToDouble(), ask = quote.AskPrice.ToDouble();
        double bidQty = quote.BidQuantity.ToDouble(), askQty = quote.AskQuantity.ToDouble();
        double mid = (bid + ask) / 2;
        MidPrice = mid;
        QuotedSpread = quote.Spread;
        QuotedSpreadBps = (ask - bid) / mid * 10_000;
        double total = bidQty + askQty;
        if (total > 0)
        {
            MicroPrice = (bid * askQty + ask * bidQty) / total;
            Imbalance = (bidQty - askQty) / total;
            Pressure = ask == bid || Math.Abs(Imbalance) <= _tolerance ? BookPressure.Neutral
                : Imbalance > 0 ? BookPressure.Ask : BookPressure.Bid;
        }
        else
        {
            MicroPrice = Imbalance = double.NaN;
            Pressure = BookPressure.Neutral;
        }

        LastQuoteTimeMs = quote.TimestampMs;
        Evaluate(quote.TimestampMs);
        return true;
    }

    /// <summary>Feeds a closed bar; returns whether it was used (its symbol and interval match).</summary>
    public bool OnBar(in Bar bar)
    {
        if (bar.Symbol != Symbol || bar.Interval != Options.BarInterval) return false;
        _sma.Update(bar.Close.ToDouble());
        Evaluate(bar.OpenTimeMs + bar.Interval.Milliseconds);
        return true;
    }

    /// <summary>Forgets every quote and bar, as if new.</summary>
    public void Reset()
    {
        _sma.Reset();
        MidPrice = MicroPrice = Imbalance = QuotedSpreadBps = double.NaN;
        QuotedSpread = 0;
        Pressure = BookPressure.Neutral;
        State = CrossoverState.Neutral;
        _lastDirection = CrossoverState.Neutral;
        LastCrossTimeMs = LastQuoteTimeMs = null;
        CrossCount = RejectedQuoteCount = 0;
    }

    private void Evaluate(long timeMs)
    {
        double sma = _sma.Value;
        if (double.IsNaN(sma) || double.IsNaN(MidPrice))
        {
            State = CrossoverState.Neutral;
            return;
        }

        double band = sma * _band;
        State = MidPrice > sma + band ? CrossoverState.Over : MidPrice < sma - band ? CrossoverState.Under : CrossoverState.Neutral;
        if (State == CrossoverState.Neutral || State == _lastDirection) return;
        if (_lastDirection != CrossoverState.Neutral)
        {
            CrossCount++;
            LastCrossTimeMs = timeMs;
        }

        _lastDirection = State;
    }
}
