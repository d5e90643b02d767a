namespace Tickwise.Export;

/// <summary>How a table is written out.</summary>
public enum ExportFormat
{
    /// <summary>Comma-separated, one header line, Unix-ms times, exact decimals.</summary>
    Csv,
    /// <summary>A JSON array of objects with the CSV's column names; numbers written as exact JSON numbers.</summary>
    Json,
}
