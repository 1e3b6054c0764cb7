using OpenData.Testing;

namespace OpenData.Api.Tests;

/// <summary>A generated dataset imported by the real importer, and the API serving it.</summary>
public sealed class DatasetFixture : IAsyncLifetime
{
    private readonly SmallDataset dataset = new();
    private ApiFactory? factory;

    public SourceFiles Files => dataset.Files;
    public TestDatabase Database => dataset.Database;
    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await dataset.InitializeAsync();
        factory = new ApiFactory(dataset.Database.ReaderConnectionString);
        Client = factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        if (factory is not null) await factory.DisposeAsync();
        await dataset.DisposeAsync();
    }
}
