using Dapper;
using Npgsql;
using OpenData.Ingest.Import.Downloads;
using OpenData.Testing;

namespace OpenData.Ingest.Tests;

/// <summary>The bulk files each import writes: one per table and format, whole, and kept for the last landed versions only.</summary>
public sealed class DownloadFilesTests
{
    [Fact]
    public async Task Each_import_lands_with_its_files_and_the_last_three_versions_keep_theirs()
    {
        await using var database = await TemplateDatabases.ImportedAsync(EdgeCaseFixture.Files);
        await using var connection = new NpgsqlConnection(database.OwnerConnectionString);
        var versions = new List<long> { await connection.ExecuteScalarAsync<long>("SELECT max(version) FROM opendata.dataset") };
        for (var i = 0; i < 3; i++)
        {
            await IngestTool.ImportAsync(database, EdgeCaseFixture.Files);
            versions.Add(await connection.ExecuteScalarAsync<long>("SELECT max(version) FROM opendata.dataset"));

            // The serving version has every file, each stored whole: its chunks add up to its bytes.
            var files = (await connection.QueryAsync<(string Name, long Bytes, long Stored, long Rows)>("""
                SELECT d.name, d.bytes, (SELECT coalesce(sum(length(c.data)), 0) FROM opendata_meta.download_chunks c WHERE c.version = d.version AND c.name = d.name), d.rows
                FROM opendata_meta.downloads d WHERE d.version = @version ORDER BY d.name
                """, new { version = versions[^1] })).ToList();
            Assert.Equal(DownloadTable.All.SelectMany(t => new[] { $"{t.Name}.csv.gz", $"{t.Name}.parquet" }).Order(StringComparer.Ordinal), files.Select(f => f.Name));
            // The tables and formats the API lists them by, and bounds GraphQL's list of them with, are these.
            Assert.Equal(OpenData.Data.Datasets.DatasetQueries.DownloadTables, DownloadTable.All.Select(t => t.Name));
            Assert.Equal(OpenData.Data.Datasets.DatasetQueries.DownloadFormats.Order(StringComparer.Ordinal), await connection.QueryAsync<string>(
                "SELECT DISTINCT format COLLATE \"C\" FROM opendata_meta.downloads WHERE version = @version ORDER BY 1", new { version = versions[^1] }));
            Assert.All(files, f => Assert.Equal(f.Bytes, f.Stored));
            Assert.Equal(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM opendata.questions"), files.Single(f => f.Name == "questions.parquet").Rows);

            var kept = (await connection.QueryAsync<long>("SELECT DISTINCT version FROM opendata_meta.downloads ORDER BY version")).ToList();
            Assert.Equal(versions.TakeLast(DownloadFiles.KeptVersions), kept);
            Assert.Equal(kept, (await connection.QueryAsync<long>("SELECT DISTINCT version FROM opendata_meta.download_chunks ORDER BY version")).ToList());
        }
    }
}
