namespace Tickwise.Core.Tests.Indicators;

/// <summary>A published reference for one output of an indicator: which sut, which output, which values, how close.</summary>
public sealed record ReferenceCase<T>(string Source, Func<T> Create, Func<T, double> Read,
    IReadOnlyList<(int Index, double? Expected)> Points, double Tolerance);
