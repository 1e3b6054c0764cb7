using System.Text.Json.Nodes;
using Dapper;
using OpenData.Testing;

namespace OpenData.Ingest.Tests;

/// <summary>
/// ingest sync against a real HTTP server on loopback serving generated files: it downloads and imports, then gets 304s and
/// imports nothing, then downloads and imports only what changed on the server (a full file, then a newer extract).
/// </summary>
public sealed class SyncTests : IAsyncLifetime
{
    public static readonly string[] Names = ["questions.zip", "ODSEN_GENERAL.json", "ODSEN_HISTOGROUPES.json", "questions-depuis-un-an.csv"];
    public static readonly DateTimeOffset Published = new(2026, 11, 28, 4, 0, 0, TimeSpan.Zero);

    private readonly SourceFiles files = SourceFiles.Generated(400, seed: 13);
    private readonly SourceServer server = new();
    private readonly ScratchDirectory scratch = SourceFiles.Scratch();
    private TestDatabase database = null!;

    public async Task InitializeAsync()
    {
        database = await TemplateDatabases.MigratedAsync();
        foreach (var name in Names) server.PutFile(name, Path.Combine(files.Directory, name), Published);
    }

    public async Task DisposeAsync()
    {
        server.Dispose();
        scratch.Dispose();
        await database.DisposeAsync();
    }

    public static string[] Arguments(SourceServer server, TestDatabase database, string directory) =>
    [
        "sync", "--connection", database.OwnerConnectionString, "--dir", directory, "--questions-url", server.Url(Names[0]),
        "--senators-url", server.Url(Names[1]), "--groups-url", server.Url(Names[2]), "--extract-url", server.Url(Names[3]), "--timeout-seconds", "10",
    ];

    [Fact]
    public async Task Sync_imports_once_then_gets_304s_then_imports_only_what_changed_on_the_server()
    {
        var sync = Arguments(server, database, scratch.Path);

        var first = await IngestTool.SucceedAsync(sync);
        Assert.Equal(Names.Select(n => (n, 200)), server.TakeLog());
        Assert.Contains("importing: no dataset is served yet", first.Output);
        var (version, questions, _) = await DatasetSnapshot.TakeAsync(database);
        Assert.Equal(400, questions);
        Assert.All(Names, name => Assert.Equal(File.ReadAllBytes(Path.Combine(files.Directory, name)), File.ReadAllBytes(Path.Combine(scratch.Path, name))));
        Assert.Empty(Directory.GetFiles(scratch.Path, "*.part"));
        Assert.All(Names, name => Assert.Equal(Published.UtcDateTime, File.GetLastWriteTimeUtc(Path.Combine(scratch.Path, name))));

        // Nothing changed on the server: four 304s, no import, no change recorded.
        var changes = await CountChangesAsync();
        var second = await IngestTool.SucceedAsync(sync);
        Assert.Equal(Names.Select(n => (n, 304)), server.TakeLog());
        Assert.Contains($"nothing to import: up to date: dataset version {version} was imported from these files", second.Output);
        Assert.Equal(version, (await DatasetSnapshot.TakeAsync(database)).Version);
        Assert.Equal(changes, await CountChangesAsync());

        // A senator changed group in a newer senators file: only that file is downloaded, and the change is recorded.
        var root = JsonNode.Parse(File.ReadAllText(files.Senators))!;
        var senators = root as JsonArray ?? root.AsObject().First(p => p.Value is JsonArray).Value!.AsArray();
        var regrouped = senators.First(s => s!["Groupe_politique"]?.GetValue<string>() is { } g && g != "NI")!;
        regrouped["Groupe_politique"] = "NI";
        server.Put(Names[1], System.Text.Encoding.UTF8.GetBytes(root.ToJsonString()), Published.AddDays(1));
        var third = await IngestTool.SucceedAsync(sync);
        Assert.Equal([(Names[0], 304), (Names[1], 200), (Names[2], 304), (Names[3], 304)], server.TakeLog());
        Assert.Contains("importing: ODSEN_GENERAL.json changed since dataset version", third.Output);
        Assert.Equal([$"senator {regrouped["Matricule"]} changed [group]"], await DatasetSnapshot.ChangesOfServingVersionAsync(database));

        // A newer extract in which a question was answered: applied alone, on top of the serving dataset.
        var extract = new ExtractFile(Path.Combine(files.Directory, Names[3]));
        var row = extract.Rows.First(r => extract.Get(r, "Sort").StartsWith("En attente", StringComparison.Ordinal) && extract.Get(r, "Date de transmission") == "");
        extract.Set(row, "Sort", "Réponse du Ministère");
        extract.Set(row, "Ministère de réponse", extract.Get(row, "Ministère de dépôt"));
        extract.Set(row, "Date de réponse JO", "27/11/2026");
        server.Put(Names[3], extract.Bytes(), Published.AddDays(2));
        var fourth = await IngestTool.SucceedAsync(sync);
        Assert.Equal([(Names[0], 304), (Names[1], 304), (Names[2], 304), (Names[3], 200)], server.TakeLog());
        Assert.Contains("importing: a one-year extract newer than the dump", fourth.Output);
        Assert.Equal([$"question {extract.Get(row, "Référence")} changed [answer,status]"], await DatasetSnapshot.ChangesOfServingVersionAsync(database));
        Assert.Equal(Published.AddDays(2).UtcDateTime, File.GetLastWriteTimeUtc(Path.Combine(scratch.Path, Names[3])));
        Assert.Equal(Published.UtcDateTime, File.GetLastWriteTimeUtc(Path.Combine(scratch.Path, Names[0])));

        var last = await DatasetSnapshot.TakeAsync(database);
        Assert.Contains("nothing to import", (await IngestTool.SucceedAsync(sync)).Output);
        Assert.Equal(Names.Select(n => (n, 304)), server.TakeLog());
        Assert.Equal(last, await DatasetSnapshot.TakeAsync(database));
    }

    private async Task<long> CountChangesAsync()
    {
        await using var db = await database.OpenOwnerAsync();
        return await db.ExecuteScalarAsync<long>("SELECT count(*) FROM opendata_meta.changes");
    }
}
