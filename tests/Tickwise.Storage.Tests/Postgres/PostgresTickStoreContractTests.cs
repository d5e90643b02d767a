using Tickwise.Storage.Postgres;
using Tickwise.Storage.Tests.Support;

namespace Tickwise.Storage.Tests.Postgres;

/// <summary>The <see cref="ITickStore"/> contract on the run's PostgreSQL server, in a fresh schema.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresTickStoreContractTests(PostgresServer server) : TickStoreContractTests
{
    private readonly string _schema = server.NewSchema();

    protected override ITickStore OpenStore() => PostgresTickStore.Open(server.UrlFor(_schema));
}
