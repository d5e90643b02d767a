namespace Tickwise.Core.Alerts;

/// <summary>What an <see cref="AlertRule"/> watches. JSON names are the snake_case of the member names (<c>price_above</c>).</summary>
public enum AlertType
{
    /// <summary>The trade price rises to or above the threshold.</summary>
    PriceAbove = 1,

    /// <summary>The trade price falls to or below the threshold.</summary>
    PriceBelow,

    /// <summary>A pair's spread z-score rises to or above the threshold.</summary>
    ZScoreAbove,

    /// <summary>A pair's spread z-score falls to or below the threshold (usually negative, such as -2).</summary>
    ZScoreBelow,

    /// <summary>A pair's spread z-score leaves the band: rises to +threshold or falls to -threshold.</summary>
    ZScoreCross,

    /// <summary>A pair's rolling correlation of log returns falls to or below the threshold.</summary>
    CorrelationBelow,

    /// <summary>A closed bar's volume reaches threshold times the mean volume of the <c>window</c> bars before it.</summary>
    VolumeSpike,

    /// <summary>The ratio of short to long realized volatility of log returns reaches the threshold.</summary>
    VolatilityChange,

    /// <summary>The mid price crosses its moving average of bar closes.</summary>
    Crossover,

    /// <summary>The book pressure changes to the bid or to the ask side.</summary>
    BookPressure,
}
