using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Npgsql;
using OpenData.Data;
using OpenData.Data.Migrations;
using OpenData.Ingest.Source;
using static OpenData.Data.Database;

namespace OpenData.Ingest.Import;

/// <summary>
/// What to import: the Senate's full files (<paramref name="Questions"/> and <paramref name="Senators"/>, optionally
/// <paramref name="Groups"/>), or none of them to start from the serving dataset; and optionally the one-year extract
/// (<paramref name="Extract"/>) applied on top.
/// </summary>
public sealed record ImportRequest(string? Questions, string? Senators, string? Groups, string? Extract = null);

public sealed record ImportResult(long Version, IReadOnlyDictionary<string, long> RowCounts, int UnknownAuthors, IReadOnlyList<string> Notices, TimeSpan Elapsed);

/// <summary>
/// Turns the Senate's files into a new served dataset, all or nothing: the dataset is built in a
/// staging schema and swapped in at the end; any failure drops the staging schema and leaves the
/// serving dataset untouched.
/// </summary>
public sealed class Importer(NpgsqlDataSource dataSource, TextWriter output)
{
    public const string Licence = "Licence Ouverte / Open Licence 2.0 (Etalab)";
    public const string LicenceUrl = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/";
    public const string SourceUrl = "https://data.senat.fr/les-questions-ecrites-et-orales/";
    private const long ImportLock = 0x0D47A_1A9;

    public async Task<ImportResult> RunAsync(ImportRequest request, CancellationToken cancellationToken)
    {
        var progress = ImportProgress.For(output);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await EnsureMigratedAsync(connection, cancellationToken);
        if (!await connection.ExecuteScalarAsync<bool>("SELECT pg_try_advisory_lock(@ImportLock)", new { ImportLock }))
            throw new ImportException("another import is running on this database; try again when it has finished");

        var logId = await connection.ExecuteScalarAsync<long>("INSERT INTO opendata_meta.import_log DEFAULT VALUES RETURNING id");
        // The version is taken first: the transform marks the rows this import changes with it.
        var version = await connection.ExecuteScalarAsync<long>("SELECT nextval('opendata_meta.dataset_version')");
        try
        {
            var result = await BuildAndSwapAsync(connection, request, version, progress, cancellationToken);
            await connection.ExecuteAsync(
                "UPDATE opendata_meta.import_log SET finished_at = now(), succeeded = true, dataset_version = @Version WHERE id = @logId",
                new { result.Version, logId });
            return result;
        }
        catch (Exception e)
        {
            // The serving schema was never touched; only the half-built staging schema goes.
            await StagingArea.DropAsync(connection, version);
            await connection.ExecuteAsync(
                "UPDATE opendata_meta.import_log SET finished_at = now(), succeeded = false, message = @Message WHERE id = @logId",
                new { e.Message, logId });
            throw;
        }
        finally
        {
            await connection.ExecuteAsync("SELECT pg_advisory_unlock(@ImportLock)", new { ImportLock });
        }
    }

    private async Task<ImportResult> BuildAndSwapAsync(NpgsqlConnection connection, ImportRequest request, long version, ImportProgress progress, CancellationToken cancellationToken)
    {
        var notices = new List<string>();
        bool generated;
        var checksums = Task.Run(() => ChecksumsAsync(request, cancellationToken), cancellationToken);

        progress.Step("preparing a staging schema beside the serving dataset");
        await StagingArea.CreateAsync(connection, cancellationToken);

        var served = request.Questions is null ? await ServedDataset.ReadAsync(connection, cancellationToken) : null;
        if (served is null)
            generated = await LoadFilesAsync(connection, request, progress, notices, cancellationToken);
        else
        {
            progress.Step($"reading the source rows of the serving dataset (version {served.Version})");
            await connection.ExecuteAsync(new CommandDefinition(Script("ServedSources.sql"), commandTimeout: 0, cancellationToken: cancellationToken));
            notices.AddRange(served.Notices);
            generated = served.Generated; // an extract on top of generated data does not make it the Senate's
        }
        if (request.Extract is not null)
        {
            progress.Step($"reading {Path.GetFileName(request.Extract)}");
            await new ExtractLoader(connection, progress, notices).LoadAsync(request.Extract, cancellationToken);
            progress.Step("applying the extract to the source rows");
            await connection.ExecuteAsync(new CommandDefinition(Script("Extract.sql"), commandTimeout: 0, cancellationToken: cancellationToken));
            notices.AddRange(await ExtractLoader.NoticesAsync(connection, Path.GetFileName(request.Extract), cancellationToken));
        }

        progress.Step("checking keys");
        await connection.ExecuteAsync(new CommandDefinition($"ANALYZE {StagingSchema}.src_tam_questions, {StagingSchema}.src_tam_reponses", cancellationToken: cancellationToken));
        await Validation.RejectDuplicateKeysAsync(connection, FileName(request.Questions), FileName(request.Senators), cancellationToken);

        await TransformAsync(connection, version, generated, progress, cancellationToken);
        progress.Step("finding twin questions");
        await Twins.TwinQuestions.BuildAsync(connection, StagingSchema, cancellationToken);
        foreach (var notice in await Validation.NoticesAsync(connection, cancellationToken))
            if (!notices.Contains(notice)) notices.Add(notice);
        await StagingArea.DropRawTablesAsync(connection, cancellationToken);

        progress.Step("building indexes");
        await StagingArea.BuildIndexesAsync(dataSource, cancellationToken);
        await StagingArea.VacuumAnalyzeAsync(connection, cancellationToken);
        progress.Step("writing the bulk downloads (Parquet and gzipped CSV)");
        await Downloads.DownloadFiles.WriteAsync(connection, StagingSchema, version, cancellationToken);

        var counts = await RowCountsAsync(connection, cancellationToken);
        var unknownAuthors = await connection.ExecuteScalarAsync<int>($"SELECT count(*) FROM {StagingSchema}.questions WHERE NOT author_known");
        var sources = served is null ? await checksums : [.. served.Sources.Where(f => f.Role != ExtractRole), .. await checksums];
        await connection.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO {StagingSchema}.dataset (version, imported_at, content_hash, sources, row_counts, unknown_authors, notices, generated, licence, licence_url, source_url, list_bounds)
            VALUES (@version, now(), @hash, @sources::jsonb, @counts::jsonb, @unknownAuthors, @notices::jsonb, @generated, @licence, @licenceUrl, @sourceUrl,
                    opendata_meta.list_bounds('{StagingSchema}'))
            """, new
        {
            version,
            hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", sources.Select(s => $"{s.Role}:{s.Sha256}"))))),
            sources = JsonSerializer.Serialize(sources, JsonOptions),
            counts = JsonSerializer.Serialize(counts, JsonOptions),
            unknownAuthors,
            notices = JsonSerializer.Serialize(notices, JsonOptions),
            generated,
            // Generated data is not the Senate's: it claims neither its source nor its licence.
            licence = generated ? null : Licence, licenceUrl = generated ? null : LicenceUrl, sourceUrl = generated ? null : SourceUrl,
        }, cancellationToken: cancellationToken));

        progress.Step($"swapping in dataset version {version}");
        await StagingArea.SwapAsync(connection, version, cancellationToken);
        await Downloads.DownloadFiles.PruneAsync(connection, cancellationToken);
        return new ImportResult(version, counts, unknownAuthors, notices, progress.Elapsed);
    }

    /// <summary>Loads the full files into the staging tables; returns whether the dump was written by the generator.</summary>
    private static async Task<bool> LoadFilesAsync(NpgsqlConnection connection, ImportRequest request, ImportProgress progress, List<string> notices, CancellationToken cancellationToken)
    {
        if (request.Senators is null) throw new ArgumentException("a questions dump is imported with its senators file");
        var loader = new DumpLoader(connection, progress, notices);
        using (var dump = SourceFile.OpenDump(request.Questions!))
        {
            progress.Step($"reading {dump.DisplayName} ({dump.Length / 1048576.0:F0} MB)");
            await loader.LoadAsync(dump, cancellationToken);
        }
        var senators = new SenatorsLoader(connection, progress, notices);
        progress.Step($"reading {Path.GetFileName(request.Senators)}");
        await senators.LoadGeneralAsync(request.Senators, cancellationToken);
        if (request.Groups is not null)
        {
            progress.Step($"reading {Path.GetFileName(request.Groups)}");
            await senators.LoadGroupsAsync(request.Groups, cancellationToken);
        }
        return loader.Generated;
    }

    private static string FileName(string? path) => path is null ? "the serving dataset" : Path.GetFileName(path);

    private async Task TransformAsync(NpgsqlConnection connection, long version, bool generated, ImportProgress progress, CancellationToken cancellationToken)
    {
        const string concurrent = "(concurrent)";
        // Generated data's questions have no page on senat.fr, but the one real question it holds.
        var setVersion = $"SET opendata.import_version = {version};\nSET opendata.senat_pages_only = '{(generated ? OpenData.Data.Datasets.GeneratedData.RealQuestionId : "")}';\n";
        for (var i = 0; i < TransformSteps.Count; i++)
        {
            var (step, sql) = TransformSteps[i];
            progress.Step($"building {step}");
            var running = connection.ExecuteAsync(new CommandDefinition(setVersion + sql, commandTimeout: 0, cancellationToken: cancellationToken));
            if (i + 1 < TransformSteps.Count && TransformSteps[i + 1].Step.EndsWith(concurrent, StringComparison.Ordinal))
            {
                var (alongside, alongsideSql) = TransformSteps[++i];
                progress.Step($"building {alongside[..^concurrent.Length].Trim()} alongside");
                await using var second = await dataSource.OpenConnectionAsync(cancellationToken);
                await Task.WhenAll(running, second.ExecuteAsync(new CommandDefinition(setVersion + alongsideSql, commandTimeout: 0, cancellationToken: cancellationToken)));
            }
            else
            {
                await running;
            }
        }
    }

    private static async Task EnsureMigratedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var latest = Migrator.All[^1].Version;
        int? applied;
        try
        {
            applied = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
                "SELECT max(version) FROM opendata_meta.schema_migrations", cancellationToken: cancellationToken));
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            applied = null; // never migrated; any other error is reported as itself
        }
        if (applied != latest)
            throw new ImportException($"the database schema is not up to date (at migration {applied?.ToString() ?? "none"}, latest {latest}): run the 'migrate' command first");
    }

    private static async Task<List<DatasetSourceFile>> ChecksumsAsync(ImportRequest request, CancellationToken cancellationToken)
    {
        var files = new List<(string Role, string? Path)>
        {
            ("questions", request.Questions), ("senators", request.Senators), ("groups", request.Groups), (ExtractRole, request.Extract),
        };
        var result = new List<DatasetSourceFile>();
        foreach (var (role, path) in files)
            if (path is not null)
                result.Add(new DatasetSourceFile(role, Path.GetFileName(path), await SourceFile.Sha256Async(path, cancellationToken), new FileInfo(path).Length));
        return result;
    }

    private static async Task<Dictionary<string, long>> RowCountsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        string[] tables = ["questions", "answers", "senators", "senator_groups", "ministries", "themes", "political_groups", "legislatures", "natures", "twin_groups"];
        var sql = string.Join(", ", tables.Select(t => $"(SELECT count(*) FROM {StagingSchema}.{t}) AS {t}"));
        var row = (IDictionary<string, object>)await connection.QuerySingleAsync(new CommandDefinition($"SELECT {sql}", cancellationToken: cancellationToken));
        return tables.ToDictionary(JsonNamingPolicy.CamelCase.ConvertName, t => Convert.ToInt64(row[t], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The role of the one-year extract among a dataset's sources.</summary>
    public const string ExtractRole = "extract";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly IReadOnlyList<(string Step, string Sql)> TransformSteps = LoadSteps();

    private static string Script(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)!;
        return new StreamReader(stream).ReadToEnd();
    }

    private static List<(string, string)> LoadSteps()
    {
        return Script("Transform.sql").Split("-- step: ")[1..]
            .Select(part => (part[..part.IndexOf('\n')].Trim(), part[(part.IndexOf('\n') + 1)..]))
            .ToList();
    }
}
