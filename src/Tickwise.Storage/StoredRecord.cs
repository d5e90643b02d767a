namespace Tickwise.Storage;

/// <summary>One application record of an <see cref="IRecordStore"/>: a JSON document under a kind and a key.</summary>
/// <param name="Kind">What the record is (<c>alert_rule</c>, <c>order</c>, ...).</param>
/// <param name="Key">Its identity within the kind.</param>
/// <param name="TimeMs">Its time, Unix milliseconds (creation, fire or bar time); records are listed by it.</param>
/// <param name="Json">The document, as JSON text.</param>
public readonly record struct StoredRecord(string Kind, string Key, long TimeMs, string Json)
{
    /// <summary>The longest JSON a record may hold (1 MiB of characters); a backtest report with its trades fits.</summary>
    public const int MaxJsonLength = 1 << 20;

    /// <summary>The longest kind or key.</summary>
    public const int MaxNameLength = 200;

    /// <summary>Throws when the record cannot be stored.</summary>
    /// <exception cref="ArgumentException">The kind or key is empty or too long, or the JSON is null, empty or too long.</exception>
    public void Validate()
    {
        if (string.IsNullOrEmpty(Kind) || Kind.Length > MaxNameLength)
            throw new ArgumentException($"A record's kind must have 1 to {MaxNameLength} characters; got '{Kind}'.", nameof(Kind));
        if (string.IsNullOrEmpty(Key) || Key.Length > MaxNameLength)
            throw new ArgumentException($"A record's key must have 1 to {MaxNameLength} characters (kind '{Kind}').", nameof(Key));
        if (string.IsNullOrEmpty(Json) || Json.Length > MaxJsonLength)
            throw new ArgumentException($"A record's JSON must have 1 to {MaxJsonLength} characters (kind '{Kind}', key '{Key}', {Json?.Length ?? 0} given).", nameof(Json));
    }
}
