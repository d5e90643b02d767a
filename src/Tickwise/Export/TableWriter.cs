using System.Text;
using System.Text.Json;

namespace Tickwise.Export;

/// <summary>
/// Writes rows of named columns as CSV or as a JSON array, with every value given as exact text,
/// so the output carries no binary floating point artefacts.
/// </summary>
/// <remarks>Call <see cref="BeginRow"/>, then one <c>Write*</c> per column in header order, per row.</remarks>
public sealed class TableWriter : IDisposable
{
    private readonly ExportFormat _format;
    private readonly string[] _columns;
    private readonly StreamWriter? _csv;
    private readonly Utf8JsonWriter? _json;
    private int _column = -1;

    /// <summary>Starts a table on <paramref name="output"/> (left open on dispose).</summary>
    public TableWriter(Stream output, ExportFormat format, IReadOnlyList<string> columns)
    {
        _format = format;
        _columns = [.. columns];
        if (format == ExportFormat.Csv)
        {
            _csv = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            _csv.Write(string.Join(',', _columns));
            _csv.Write('\n');
        }
        else
        {
            _json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false, SkipValidation = false });
            _json.WriteStartArray();
        }
    }

    /// <summary>Starts the next row.</summary>
    public void BeginRow()
    {
        EndRowIfOpen();
        _column = 0;
        _json?.WriteStartObject();
    }

    /// <summary>Writes a number given as exact text (digits, optional sign and point).</summary>
    public void WriteNumber(string exactText)
    {
        string name = NextColumn();
        if (_csv is not null) WriteCsvCell(exactText);
        else
        {
            _json!.WritePropertyName(name);
            _json.WriteRawValue(exactText, skipInputValidation: false);
        }
    }

    /// <summary>Writes a whole number.</summary>
    public void WriteNumber(long value) => WriteNumber(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Writes a statistic: its shortest round-trip text, or an empty cell (JSON null) when it is not a number.</summary>
    public void WriteDouble(double value)
    {
        if (double.IsFinite(value))
        {
            WriteNumber(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            return;
        }
        string name = NextColumn();
        if (_csv is not null) WriteCsvCell("");
        else _json!.WriteNull(name);
    }

    /// <summary>Writes a boolean (<c>true</c>/<c>false</c> in both formats).</summary>
    public void WriteBoolean(bool value)
    {
        string name = NextColumn();
        if (_csv is not null) WriteCsvCell(value ? "true" : "false");
        else _json!.WriteBoolean(name, value);
    }

    /// <summary>Writes text (quoted in CSV only when needed).</summary>
    public void WriteText(string value)
    {
        string name = NextColumn();
        if (_csv is not null)
        {
            bool quote = value.AsSpan().IndexOfAny(",\"\n\r") >= 0;
            WriteCsvCell(quote ? $"\"{value.Replace("\"", "\"\"")}\"" : value);
        }
        else _json!.WriteString(name, value);
    }

    /// <summary>Ends the table and flushes it.</summary>
    public void Dispose()
    {
        EndRowIfOpen();
        if (_csv is not null)
        {
            _csv.Flush();
            _csv.Dispose();
        }
        else
        {
            _json!.WriteEndArray();
            _json.Flush();
            _json.Dispose();
            // Leave the stream ending in a newline, as the CSV does: friendlier on a terminal.
        }
    }

    private string NextColumn()
    {
        if (_column < 0 || _column >= _columns.Length)
            throw new InvalidOperationException($"Row has more values than the {_columns.Length} columns, or BeginRow was not called.");
        return _columns[_column++];
    }

    private void WriteCsvCell(string text)
    {
        if (_column > 1) _csv!.Write(',');
        _csv!.Write(text);
    }

    private void EndRowIfOpen()
    {
        if (_column < 0) return;
        if (_column != _columns.Length)
            throw new InvalidOperationException($"Row has {_column} values for {_columns.Length} columns.");
        if (_csv is not null) _csv.Write('\n');
        else _json!.WriteEndObject();
        _column = -1;
    }
}
