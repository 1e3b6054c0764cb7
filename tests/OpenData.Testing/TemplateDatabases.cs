using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;
using OpenData.Generation;
using OpenData.Ingest.Cli;

namespace OpenData.Testing;

/// <summary>
/// Databases migrated (and imported) once per build, then cloned for each test (<c>CREATE DATABASE … TEMPLATE</c>):
/// a clone of an imported dataset takes a fraction of a second where migrating and importing take seconds. A template
/// is named by what made it: the importer's and generator's builds and the files imported, so that a changed
/// migration, importer or file never reuses an older template. Test processes running at the same time build each
/// template once (an advisory lock), and a template is published by renaming it only once complete.
/// </summary>
public static class TemplateDatabases
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Built = new();

    /// <summary>The builds a template depends on: the importer (its migrations and import) and the generator.</summary>
    private static readonly string Builds = string.Join(",",
        typeof(IngestCli).Assembly.ManifestModule.ModuleVersionId,
        typeof(OpenData.Data.Database).Assembly.ManifestModule.ModuleVersionId,
        typeof(DatasetGenerator).Assembly.ManifestModule.ModuleVersionId);

    /// <summary>A new database holding the schema of the current migrations, nothing imported.</summary>
    public static Task<TestDatabase> MigratedAsync() => CloneAsync("migrated", database => IngestTool.MigrateAsync(database));

    /// <summary>A new database, migrated, with <paramref name="files"/> imported by the real importer.</summary>
    public static Task<TestDatabase> ImportedAsync(SourceFiles files) => CloneAsync($"imported {Describe(files)}", async database =>
    {
        await IngestTool.MigrateAsync(database);
        await IngestTool.ImportAsync(database, files);
    });

    private static async Task<TestDatabase> CloneAsync(string what, Func<TestDatabase, Task> build)
    {
        var template = await Built.GetOrAdd(what, key => new Lazy<Task<string>>(() => BuildAsync(key, build))).Value;
        return await TestPostgres.CreateDatabaseAsync(template);
    }

    private static async Task<string> BuildAsync(string what, Func<TestDatabase, Task> build)
    {
        var name = "odt_tpl_" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{Builds}\n{what}")))[..16].ToLowerInvariant();
        await using var admin = new NpgsqlConnection(TestPostgres.AdminConnectionString);
        await admin.OpenAsync();
        // One builder per template across the test processes (held until this connection closes).
        await admin.ExecuteAsync("SELECT pg_advisory_lock(hashtext(@name))", new { name });
        if (await admin.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT FROM pg_database WHERE datname = @name)", new { name })) return name;

        var scratch = await TestPostgres.CreateDatabaseAsync();
        await build(scratch);
        NpgsqlConnection.ClearAllPools();
        await TestPostgres.RetryWhileInUseAsync(() => admin.ExecuteAsync($"ALTER DATABASE {scratch.Name} RENAME TO {name}"));
        return name;
    }

    /// <summary>The files in words, with their sizes and times (a regenerated file makes another template).</summary>
    private static string Describe(SourceFiles files) => string.Join(";",
        new[] { files.Questions, files.Senators, files.Groups }.OfType<string>()
            .Select(path => new FileInfo(path))
            .Select(file => $"{file.FullName}:{file.Length}:{file.LastWriteTimeUtc.Ticks}"));
}
