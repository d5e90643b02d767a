using System.Globalization;
using Npgsql;

namespace Tickwise.Storage.Postgres;

/// <summary>Monthly partitions of <c>trades</c> and <c>bars</c>, created when the first row of a month arrives.</summary>
/// <remarks>
/// <para>A month is <c>[first day 00:00 UTC, next first day 00:00 UTC)</c> in epoch milliseconds; the partition of
/// August 2024 is <c>trades_2024_08</c>. A month is identified by <c>year * 12 + month - 1</c>.</para>
/// <para>Creation runs in its own short transaction, before the write that needs it, under an advisory lock so that
/// two processes create a partition once; a write that fails afterwards leaves an empty partition, which is harmless.
/// Creating a partition briefly locks the parent table, so long-running reads delay it (once a month per table).</para>
/// <para>Not thread-safe: the store calls it under its write lock.</para>
/// </remarks>
internal sealed class PostgresPartitions(string schema, string table)
{
    private readonly HashSet<int> _known = [];
    private readonly List<int> _missing = [];
    private long _fromMs = long.MaxValue, _toMs = long.MinValue; // the last month seen, to skip the set for runs of one month

    /// <summary>Forgets what exists, so that the next write checks again (after a failure that may mean a partition was dropped).</summary>
    internal void Forget()
    {
        _known.Clear();
        _fromMs = long.MaxValue;
        _toMs = long.MinValue;
    }

    /// <summary>Notes the month of <paramref name="timeMs"/> as needed by the coming write. O(1) for a time in the last month seen.</summary>
    internal void Need(long timeMs)
    {
        if (timeMs >= _fromMs && timeMs < _toMs) return;
        int month = MonthOf(timeMs);
        _fromMs = StartMs(month);
        _toMs = StartMs(month + 1);
        if (!_known.Contains(month) && !_missing.Contains(month)) _missing.Add(month);
    }

    /// <summary>Creates the partitions noted by <see cref="Need"/> that this process has not seen yet.</summary>
    /// <exception cref="NpgsqlException">The server failed; nothing is remembered as created.</exception>
    internal void CreateMissing(NpgsqlConnection connection)
    {
        if (_missing.Count == 0) return;
        bool created = false;
        try
        {
            using NpgsqlTransaction transaction = connection.BeginTransaction();
            using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('tickwise.partitions.' || $1))", connection))
            {
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = schema + "." + table });
                command.ExecuteNonQuery();
            }
            foreach (int month in _missing)
            {
                using var command = new NpgsqlCommand(CreateSql(schema, table, month), connection);
                command.ExecuteNonQuery();
            }
            transaction.Commit();
            foreach (int month in _missing) _known.Add(month);
            created = true;
        }
        finally
        {
            _missing.Clear();
            // The window may hold a month that was not created; the next write must note it again.
            if (!created) Forget();
        }
    }

    /// <summary>Returns the month holding <paramref name="timeMs"/>.</summary>
    internal static int MonthOf(long timeMs)
    {
        DateTime time = DateTimeOffset.FromUnixTimeMilliseconds(timeMs).UtcDateTime;
        return time.Year * 12 + time.Month - 1;
    }

    /// <summary>Returns the first millisecond of <paramref name="month"/>.</summary>
    internal static long StartMs(int month) =>
        new DateTimeOffset(month / 12, month % 12 + 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    /// <summary>Returns the partition's table name, as <c>trades_2024_08</c>.</summary>
    internal static string Name(string table, int month) =>
        string.Create(CultureInfo.InvariantCulture, $"{table}_{month / 12:D4}_{month % 12 + 1:D2}");

    private static string CreateSql(string schema, string table, int month)
    {
        string quoted = PostgresSchema.Quote(schema);
        return string.Create(CultureInfo.InvariantCulture,
            $"CREATE TABLE IF NOT EXISTS {quoted}.{Name(table, month)} PARTITION OF {quoted}.{table} FOR VALUES FROM ({StartMs(month)}) TO ({StartMs(month + 1)})");
    }
}
