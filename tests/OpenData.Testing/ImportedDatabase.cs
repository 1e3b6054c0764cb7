using Xunit;

namespace OpenData.Testing;

/// <summary>
/// A class fixture: a database of its own, migrated and loaded with a generated dataset through the
/// real importer (a copy of a template made once, <see cref="TemplateDatabases"/>). Size and seed come from the subclass.
/// </summary>
public abstract class ImportedDatabase(int questions, int seed = 1) : IAsyncLifetime
{
    private TestDatabase? database;

    public TestDatabase Database => database ?? throw new InvalidOperationException("fixture not initialised");
    public SourceFiles Files { get; } = SourceFiles.Generated(questions, seed);

    public async Task InitializeAsync()
    {
        database = await TemplateDatabases.ImportedAsync(Files);
    }

    public async Task DisposeAsync()
    {
        if (database is not null) await database.DisposeAsync();
    }
}

/// <summary>2,000 generated questions: big enough for every shape the generator makes, quick to import.</summary>
public sealed class SmallDataset() : ImportedDatabase(2_000);
