namespace Tickwise.Health;

/// <summary>Something that can say how the process is doing right now; <c>/api/health</c> and the status lines read it.</summary>
/// <remarks>Called from any thread (HTTP requests, the status timer); implementations return a fresh snapshot and never throw.</remarks>
internal interface IHealthSource
{
    /// <summary>Returns the current health.</summary>
    HealthReport Report();
}
