using Microsoft.Data.Sqlite;
using Tickwise.Storage.Sqlite;
using Tickwise.Storage.Tests.Support;

namespace Tickwise.Storage.Tests.Sqlite;

public sealed class SqliteSchemaTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly SqliteConnection _connection;

    public SqliteSchemaTests()
    {
        _connection = new SqliteConnection($"Data Source={_dir.File("schema.db")};Pooling=False");
        _connection.Open();
    }

    public void Dispose()
    {
        _connection.Dispose();
        _dir.Dispose();
    }

    private long Scalar(string sql)
    {
        using SqliteCommand command = _connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Migrate_FreshFile_ReachesCurrentVersionAndMarksFile()
    {
        SqliteSchema.Migrate(_connection, "schema.db", readOnly: false);

        Scalar("PRAGMA user_version").ShouldBe(SqliteSchema.CurrentVersion);
        Scalar("PRAGMA application_id").ShouldBe(SqliteSchema.ApplicationId);
        Scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('symbols', 'trades', 'bars', 'metadata')").ShouldBe(4);
        Scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'trades_by_time'").ShouldBe(1);
    }

    [Fact]
    public void Migrate_CurrentFile_KeepsData()
    {
        SqliteSchema.Migrate(_connection, "schema.db", readOnly: false);
        Scalar("INSERT INTO metadata(key, value) VALUES('k', 'v') RETURNING 1");

        SqliteSchema.Migrate(_connection, "schema.db", readOnly: false);

        Scalar("SELECT count(*) FROM metadata").ShouldBe(1);
    }

    [Fact]
    public void Check_NewerVersion_ThrowsStoreException()
    {
        Scalar($"PRAGMA user_version = {SqliteSchema.CurrentVersion + 5}");

        StoreException fault = Should.Throw<StoreException>(() => SqliteSchema.Check(_connection, null, "schema.db"));

        fault.Message.ShouldBe($"Opening failed for 'schema.db': its schema version {SqliteSchema.CurrentVersion + 5} is newer than this Tickwise knows ({SqliteSchema.CurrentVersion}); upgrade Tickwise or use another file.");
    }

    [Fact]
    public void Check_ForeignApplicationId_ThrowsStoreException()
    {
        Scalar("PRAGMA application_id = 42");

        Should.Throw<StoreException>(() => SqliteSchema.Check(_connection, null, "schema.db")).Message.ShouldContain("application id 42");
    }

    [Fact]
    public void Migrate_OlderFileReadOnly_ThrowsStoreException()
    {
        Should.Throw<StoreException>(() => SqliteSchema.Migrate(_connection, "schema.db", readOnly: true)).Message.ShouldContain("open it once for writing");

        Scalar("PRAGMA user_version").ShouldBe(0);
    }

    [Fact]
    public void Migrate_FileAtPreviousVersion_RunsOnlyTheNewStep()
    {
        SqliteSchema.Migrate(_connection, "schema.db", readOnly: false);
        Scalar("INSERT INTO metadata(key, value) VALUES('k', 'v') RETURNING 1");
        string[] next = [.. SqliteSchema.Migrations, "CREATE TABLE extra(x INTEGER NOT NULL)"];

        SqliteSchema.Migrate(_connection, "schema.db", readOnly: false, next);

        Scalar("PRAGMA user_version").ShouldBe(next.Length);
        Scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'extra'").ShouldBe(1);
        Scalar("SELECT count(*) FROM metadata").ShouldBe(1);
    }

    [Fact]
    public void Migrate_FailingStep_RollsBackEveryStep()
    {
        string[] broken = [.. SqliteSchema.Migrations, "CREATE TABLE broken(x INTEGER NOT NULL"];

        Should.Throw<SqliteException>(() => SqliteSchema.Migrate(_connection, "schema.db", readOnly: false, broken));

        Scalar("PRAGMA user_version").ShouldBe(0);
        Scalar("SELECT count(*) FROM sqlite_schema").ShouldBe(0);
    }
}
