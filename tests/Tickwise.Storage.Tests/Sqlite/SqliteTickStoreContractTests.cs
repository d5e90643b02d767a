using Tickwise.Storage.Sqlite;
using Tickwise.Storage.Tests.Support;

namespace Tickwise.Storage.Tests.Sqlite;

/// <summary>The <see cref="ITickStore"/> contract on a SQLite file in a fresh temp directory.</summary>
public sealed class SqliteTickStoreContractTests : TickStoreContractTests, IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    protected override ITickStore OpenStore() => SqliteTickStore.Open(_dir.File("data", "tickwise.db"));
}
