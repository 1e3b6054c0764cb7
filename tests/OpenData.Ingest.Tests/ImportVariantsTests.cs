using Dapper;
using OpenData.Generation;
using OpenData.Testing;

namespace OpenData.Ingest.Tests;

/// <summary>Every published form of the same data gives the same dataset, and re-importing changes nothing but the version.</summary>
[StartsFirst]
public sealed class ImportVariantsTests : IAsyncLifetime
{
    private const int Questions = 1_500;
    private TestDatabase database = null!;
    private readonly ScratchDirectory legacy = SourceFiles.Scratch();

    public async Task InitializeAsync()
    {
        database = await TemplateDatabases.MigratedAsync();
        DatasetGenerator.Generate(new GenerationOptions(Questions, legacy.Path, Seed: 1, LegacyCopyHeader: true));
    }

    public async Task DisposeAsync()
    {
        legacy.Dispose();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Zip_plain_and_older_pg_dump_layouts_import_to_identical_data()
    {
        var generated = SourceFiles.Generated(Questions);
        var fingerprints = new List<string>();
        foreach (var questions in new[] { generated.Questions, Path.Combine(generated.Directory, "questions.zip"), Path.Combine(legacy.Path, "questions.sql") })
        {
            await IngestTool.SucceedAsync("import", "--connection", database.OwnerConnectionString,
                "--questions", questions, "--senators", generated.Senators, "--groups", generated.Groups!);
            fingerprints.Add(await FingerprintAsync());
            // The generator's marker line survives the zip and the older layout: generated data says so, claiming no licence.
            await using var connection = await database.OpenOwnerAsync();
            Assert.Equal((true, (string?)null), await connection.QuerySingleAsync<(bool, string?)>("SELECT generated, licence FROM opendata.dataset ORDER BY version DESC LIMIT 1"));
            // Nor pages on senat.fr that do not exist: only its one real question (and its answer, had it one) links there.
            Assert.Equal([("SEQ240611950", "https://www.senat.fr/questions/base/2024/qSEQ240611950.html")],
                await connection.QueryAsync<(string, string)>("SELECT id, url FROM opendata.questions WHERE url IS NOT NULL"));
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM opendata.answers WHERE url IS NOT NULL AND question_id <> 'SEQ240611950'"));
        }
        Assert.Equal(Questions, await CountAsync("questions"));
        Assert.All(fingerprints, f => Assert.Equal(fingerprints[0], f));
    }

    [Fact]
    public async Task Importing_the_same_files_twice_gives_the_same_data_under_a_new_version()
    {
        var files = SourceFiles.Generated(Questions);
        await IngestTool.ImportAsync(database, files);
        var (firstVersion, firstHash) = await DatasetAsync();
        var first = await FingerprintAsync();

        await IngestTool.ImportAsync(database, files);
        var (secondVersion, secondHash) = await DatasetAsync();

        Assert.Equal(first, await FingerprintAsync());
        Assert.Equal(firstHash, secondHash);
        Assert.True(secondVersion > firstVersion);
    }

    [Fact]
    public async Task A_different_dataset_replaces_the_previous_one_entirely()
    {
        await IngestTool.ImportAsync(database, SourceFiles.Generated(Questions));
        var before = await FingerprintAsync();
        await IngestTool.ImportAsync(database, EdgeCaseFixture.Files);

        Assert.Equal(12, await CountAsync("questions"));
        Assert.NotEqual(before, await FingerprintAsync());
        await using var connection = await database.OpenOwnerAsync();
        Assert.Equal(["opendata"], (await connection.QueryAsync<string>(
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'opendata%' AND nspname <> 'opendata_meta' ORDER BY 1")).ToList());
    }

    /// <summary>Content hashes of every served row: equal exactly when the served data is equal.</summary>
    private async Task<string> FingerprintAsync()
    {
        await using var connection = await database.OpenOwnerAsync();
        return await connection.QuerySingleAsync<string>("""
            SELECT concat_ws('/',
                (SELECT md5(string_agg(id || encode(content_hash, 'hex'), ',' ORDER BY id)) FROM opendata.questions),
                (SELECT md5(string_agg(question_id || encode(content_hash, 'hex'), ',' ORDER BY question_id)) FROM opendata.answers),
                (SELECT md5(string_agg(id || encode(content_hash, 'hex'), ',' ORDER BY id)) FROM opendata.senators),
                (SELECT md5(string_agg(id || encode(content_hash, 'hex'), ',' ORDER BY id)) FROM opendata.ministries),
                (SELECT md5(string_agg(s::text, ',' ORDER BY s::text)) FROM opendata.senator_groups s),
                (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM opendata.themes t),
                (SELECT md5(string_agg(g::text, ',' ORDER BY g::text)) FROM opendata.political_groups g))
            """);
    }

    private async Task<long> CountAsync(string table)
    {
        await using var connection = await database.OpenOwnerAsync();
        return await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM opendata.{table}");
    }

    private async Task<(long Version, string ContentHash)> DatasetAsync()
    {
        await using var connection = await database.OpenOwnerAsync();
        return await connection.QuerySingleAsync<(long, string)>("SELECT version, content_hash FROM opendata.dataset");
    }
}
