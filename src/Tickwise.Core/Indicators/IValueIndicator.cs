namespace Tickwise.Core.Indicators;

/// <summary>An indicator fed one number per step, such as a close price.</summary>
public interface IValueIndicator : IIndicator
{
    /// <summary>Feeds the next input; a non-finite input is ignored and counted (see <see cref="IIndicator"/>).</summary>
    void Update(double value);
}
