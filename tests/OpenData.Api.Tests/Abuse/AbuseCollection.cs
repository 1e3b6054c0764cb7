using OpenData.Testing;

namespace OpenData.Api.Tests.Abuse;

/// <summary>
/// The abuse suite runs alone (not beside other test classes): its budgets are times and memory, which other
/// tests running at the same time on two cores would blur.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AbuseCollection : ICollectionFixture<AbuseFixture>
{
    public const string Name = "Abuse";
}

/// <summary>A generated dataset of 2,000 questions, imported by the real importer, shared by the abuse tests.</summary>
public sealed class AbuseFixture : IAsyncLifetime
{
    private readonly SmallDataset dataset = new();

    public TestDatabase Database => dataset.Database;

    public Task InitializeAsync() => dataset.InitializeAsync();

    public Task DisposeAsync() => dataset.DisposeAsync();

    /// <summary>Connections of the API's request pool that are running a query or holding a transaction open.</summary>
    public Task<int> BusyApiConnectionsAsync() => Database.ScalarAsync<int>(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'opendata-api' AND state <> 'idle'");
}
