using Microsoft.Data.Sqlite;
using Tickwise.Core.Market;

namespace Tickwise.Storage.Sqlite;

// Application records (IRecordStore): small documents at human rates, so plain Microsoft.Data.Sqlite commands suffice.
public sealed partial class SqliteTickStore
{
    /// <inheritdoc/>
    public void PutRecords(ReadOnlySpan<StoredRecord> records)
    {
        foreach (StoredRecord record in records) record.Validate();
        if (records.IsEmpty) return;
        StoredRecord[] copy = records.ToArray();
        WriteCommands("Writing records", (connection, transaction) =>
        {
            using SqliteCommand command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT OR REPLACE INTO records(kind, key, time_ms, json) VALUES($kind, $key, $time, $json)";
            SqliteParameter kind = command.Parameters.Add("$kind", SqliteType.Text);
            SqliteParameter key = command.Parameters.Add("$key", SqliteType.Text);
            SqliteParameter time = command.Parameters.Add("$time", SqliteType.Integer);
            SqliteParameter json = command.Parameters.Add("$json", SqliteType.Text);
            foreach (StoredRecord record in copy)
            {
                kind.Value = record.Kind;
                key.Value = record.Key;
                time.Value = record.TimeMs;
                json.Value = record.Json;
                command.ExecuteNonQuery();
            }
            return copy.Length;
        });
    }

    /// <inheritdoc/>
    public StoredRecord? GetRecord(string kind, string key)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(key);
        StoredRecord? found = null;
        QueryRecords("Reading a record", "SELECT kind, key, time_ms, json FROM records WHERE kind = $kind AND key = $key",
            command =>
            {
                command.Parameters.AddWithValue("$kind", kind);
                command.Parameters.AddWithValue("$key", key);
            },
            record => found = record);
        return found;
    }

    /// <inheritdoc/>
    public bool DeleteRecord(string kind, string key)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(key);
        return WriteCommands("Deleting a record", (connection, transaction) =>
        {
            using SqliteCommand command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM records WHERE kind = $kind AND key = $key";
            command.Parameters.AddWithValue("$kind", kind);
            command.Parameters.AddWithValue("$key", key);
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
        QueryRecords("Reading records",
            $"SELECT kind, key, time_ms, json FROM records WHERE kind = $kind AND time_ms >= $from AND time_ms < $to ORDER BY time_ms {order}, key {order} LIMIT $limit",
            command =>
            {
                command.Parameters.AddWithValue("$kind", kind);
                command.Parameters.AddWithValue("$from", range.FromMs);
                command.Parameters.AddWithValue("$to", range.ToMs);
                command.Parameters.AddWithValue("$limit", limit);
            },
            found.Add);
        return found;
    }

    /// <summary>Runs Microsoft.Data.Sqlite commands on the writer in one immediate transaction, under the write lock.</summary>
    private int WriteCommands(string action, Func<SqliteConnection, SqliteTransaction, int> write)
    {
        lock (_writeLock)
        {
            WriterOrThrow(action);
            try
            {
                using SqliteTransaction transaction = _writer!.BeginTransaction(deferred: false);
                int changed = write(_writer, transaction);
                transaction.Commit();
                return changed;
            }
            catch (SqliteException e)
            {
                throw SqliteFaults.From(Path, action, e, _options.BusyTimeout);
            }
        }
    }

    private void QueryRecords(string action, string sql, Action<SqliteCommand> bind, Action<StoredRecord> onRecord)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        SqliteReader reader = RentReader(action);
        try
        {
            using SqliteCommand command = reader.Connection.CreateCommand();
            command.CommandText = sql;
            bind(command);
            using SqliteDataReader rows = command.ExecuteReader();
            while (rows.Read()) onRecord(new StoredRecord(rows.GetString(0), rows.GetString(1), rows.GetInt64(2), rows.GetString(3)));
        }
        catch (SqliteException e)
        {
            throw SqliteFaults.From(Path, action, e, _options.BusyTimeout);
        }
        finally
        {
            ReturnReader(reader);
        }
    }
}
