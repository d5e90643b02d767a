using Npgsql;
using NpgsqlTypes;
using Tickwise.Core.Market;

namespace Tickwise.Storage.Postgres;

// Application records (IRecordStore): small documents at human rates, plain commands on the writer or a pooled connection.
public sealed partial class PostgresTickStore
{
    /// <inheritdoc/>
    public void PutRecords(ReadOnlySpan<StoredRecord> records)
    {
        foreach (StoredRecord record in records) record.Validate();
        if (records.IsEmpty) return;
        StoredRecord[] copy = records.ToArray();
        Write("Writing records", connection =>
        {
            using NpgsqlTransaction transaction = connection.BeginTransaction();
            using var command = new NpgsqlCommand("""
                INSERT INTO records(kind, key, time_ms, json) VALUES($1, $2, $3, $4)
                ON CONFLICT (kind, key) DO UPDATE SET time_ms = EXCLUDED.time_ms, json = EXCLUDED.json
                """, connection, transaction);
            var kind = new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text };
            var key = new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text };
            var time = new NpgsqlParameter<long> { NpgsqlDbType = NpgsqlDbType.Bigint };
            var json = new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text };
            command.Parameters.Add(kind);
            command.Parameters.Add(key);
            command.Parameters.Add(time);
            command.Parameters.Add(json);
            foreach (StoredRecord record in copy)
            {
                kind.TypedValue = record.Kind;
                key.TypedValue = record.Key;
                time.TypedValue = record.TimeMs;
                json.TypedValue = record.Json;
                command.ExecuteNonQuery();
            }
            transaction.Commit();
            return copy.Length;
        });
    }

    /// <inheritdoc/>
    public StoredRecord? GetRecord(string kind, string key)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(key);
        StoredRecord? found = null;
        Query("Reading a record", "SELECT kind, key, time_ms, json FROM records WHERE kind = $1 AND key = $2",
            command =>
            {
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = kind });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
            },
            row => found = ReadRecord(row));
        return found;
    }

    /// <inheritdoc/>
    public bool DeleteRecord(string kind, string key)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(key);
        return Write("Deleting a record", connection =>
        {
            using var command = new NpgsqlCommand("DELETE FROM records WHERE kind = $1 AND key = $2", connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = kind });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
            return command.ExecuteNonQuery();
        }) > 0;
    }

    /// <inheritdoc/>
    public IReadOnlyList<StoredRecord> ReadRecords(string kind, TimeRange range, int limit = int.MaxValue, bool newestFirst = false)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var found = new List<StoredRecord>();
        if (limit == 0) return found;
        string order = newestFirst ? "DESC" : "ASC";
        Query("Reading records",
            $"SELECT kind, key, time_ms, json FROM records WHERE kind = $1 AND time_ms >= $2 AND time_ms < $3 ORDER BY time_ms {order}, key {order} LIMIT $4",
            command =>
            {
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = kind });
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = range.FromMs });
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = range.ToMs });
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = limit });
            },
            row => found.Add(ReadRecord(row)));
        return found;
    }

    private static StoredRecord ReadRecord(NpgsqlDataReader row) =>
        new(row.GetString(0), row.GetString(1), row.GetInt64(2), row.GetString(3));
}
