using OpenData.Testing;

namespace OpenData.Ingest.Tests;

/// <summary>The hand-written edge-case files (tests/OpenData.Ingest.Tests/Fixtures/edge-cases), imported once.</summary>
public sealed class EdgeCaseFixture : IAsyncLifetime
{
    public static SourceFiles Files => SourceFiles.In(Path.Combine(AppContext.BaseDirectory, "Fixtures", "edge-cases"));

    private TestDatabase? database;
    public TestDatabase Database => database!;
    public IngestTool.Outcome Import { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        database = await TestPostgres.CreateDatabaseAsync();
        await IngestTool.MigrateAsync(database);
        Import = await IngestTool.ImportAsync(database, Files);
    }

    public async Task DisposeAsync() => await database!.DisposeAsync();
}
