using System.Diagnostics;
using System.Text.Json.Nodes;
using OpenData.Ingest.Cli;
using OpenData.Ingest.Sync;
using OpenData.Testing;

namespace OpenData.Ingest.Tests;

/// <summary>
/// deploy/import.sh, the job of compose.yaml and of the CronJob, run for real by sh with the built importer, against a
/// loopback server standing in for data.senat.fr and PostgreSQL: the nightly sync fills the archive with dated folders
/// (14 kept), IMPORT_FROM rolls back to a day's files (the one-year extract included when it was newer than the dump), and
/// a failed download or import ends the job with the importer's exit code.
/// </summary>
[StartsFirst]
public sealed class ImportScriptTests : IAsyncLifetime
{
    private const string DayOne = "2002-06-01"; // the first sync's folder, renamed as if it were an earlier day's
    private readonly SourceFiles files = SourceFiles.Generated(300, seed: 23);
    private readonly SourceServer server = new();
    private readonly ScratchDirectory scratch = SourceFiles.Scratch();
    private TestDatabase database = null!;

    private string Archive => Path.Combine(scratch.Path, "archive");

    public async Task InitializeAsync()
    {
        database = await TestPostgres.CreateDatabaseAsync();
        foreach (var name in SyncTests.Names) server.PutFile(name, Path.Combine(files.Directory, name), SyncTests.Published);
    }

    public async Task DisposeAsync()
    {
        server.Dispose();
        scratch.Dispose();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task The_nightly_sync_archives_each_day_and_IMPORT_FROM_rolls_back_to_a_day_with_its_extract()
    {
        // Day one: the dump, and an extract published an hour later in which question X was answered.
        var extract = new ExtractFile(Path.Combine(files.Directory, SyncTests.Names[3]));
        var awaiting = extract.Rows.Where(r => extract.Get(r, "Sort").StartsWith("En attente", StringComparison.Ordinal) && extract.Get(r, "Date de transmission") == "").ToList();
        Answer(extract, awaiting[0]);
        server.Put(SyncTests.Names[3], extract.Bytes(), SyncTests.Published.AddHours(1));
        var first = await RunAsync();
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("importing: no dataset is served yet", first.Output);
        var dayOne = await DatasetSnapshot.TakeAsync(database);
        var created = Assert.Single(Days());
        Assert.Equal(SyncTests.Names.Append(SyncState.FileName).Order(StringComparer.Ordinal), Directory.GetFiles(created).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Directory.Move(created, Path.Combine(Archive, DayOne));
        for (var day = 1; day <= 15; day++) Directory.CreateDirectory(Path.Combine(Archive, $"2001-01-{day:00}"));

        // Day two: a senator changed group, and a newer extract in which question Y was answered too.
        var root = JsonNode.Parse(File.ReadAllText(files.Senators))!;
        var senators = root as JsonArray ?? root.AsObject().First(p => p.Value is JsonArray).Value!.AsArray();
        var regrouped = senators.First(s => s!["Groupe_politique"]?.GetValue<string>() is { } g && g != "NI")!;
        regrouped["Groupe_politique"] = "NI";
        server.Put(SyncTests.Names[1], System.Text.Encoding.UTF8.GetBytes(root.ToJsonString()), SyncTests.Published.AddDays(1));
        Answer(extract, awaiting[1]);
        server.Put(SyncTests.Names[3], extract.Bytes(), SyncTests.Published.AddDays(1));
        var second = await RunAsync();
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("importing: ODSEN_GENERAL.json changed since dataset version", second.Output);
        string[] changed = [$"question {extract.Get(awaiting[1], "Référence")} changed [answer,status]", $"senator {regrouped["Matricule"]} changed [group]"];
        Assert.Equal(changed, (await DatasetSnapshot.ChangesOfServingVersionAsync(database)).Order());

        // The archive: today's folder and the 13 latest others; day one's files are still day one's.
        var today = Path.GetFileName(Days().Single(d => !Path.GetFileName(d).StartsWith("200", StringComparison.Ordinal)));
        Assert.Equal([today, DayOne, .. Enumerable.Range(4, 12).Reverse().Select(d => $"2001-01-{d:00}")], Days().Select(Path.GetFileName).OrderDescending());
        Assert.Equal(File.ReadAllBytes(files.Senators), File.ReadAllBytes(Path.Combine(Archive, DayOne, SyncTests.Names[1])));
        Assert.Equal(File.ReadAllBytes(Path.Combine(Archive, "sources", SyncTests.Names[1])), File.ReadAllBytes(Path.Combine(Archive, today, SyncTests.Names[1])));

        // Rolling back to day one: its dump, senators and extract (newer than its dump), so question X stays answered.
        var rollback = await RunAsync(("IMPORT_FROM", DayOne));
        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        var rolledBack = await DatasetSnapshot.TakeAsync(database);
        Assert.True(rolledBack.Version > dayOne.Version);
        Assert.Equal((dayOne.Questions, dayOne.Hashes), (rolledBack.Questions, rolledBack.Hashes));
        Assert.Equal(changed, (await DatasetSnapshot.ChangesOfServingVersionAsync(database)).Order()); // the same ones, back
    }

    [Fact]
    public async Task A_failed_import_or_download_ends_the_job_with_the_importers_exit_code_and_a_missing_day_with_1()
    {
        var first = await RunAsync();
        Assert.True(first.ExitCode == 0, first.ToString());
        var served = await DatasetSnapshot.TakeAsync(database);

        var missing = await RunAsync(("IMPORT_FROM", "2001-01-01"));
        Assert.True(missing.ExitCode == 1, missing.ToString());
        Assert.Contains("no files of 2001-01-01 in ", missing.Error);

        var bad = Directory.CreateDirectory(Path.Combine(Archive, "2001-01-02")).FullName;
        var zip = File.ReadAllBytes(Path.Combine(files.Directory, "questions.zip"));
        File.WriteAllBytes(Path.Combine(bad, "questions.zip"), zip[..(zip.Length / 2)]);
        File.Copy(files.Senators, Path.Combine(bad, "ODSEN_GENERAL.json"));
        var broken = await RunAsync(("IMPORT_FROM", "2001-01-02"));
        Assert.True(broken.ExitCode == IngestCli.BadInput, broken.ToString());
        Assert.Contains("questions.zip: not a readable zip archive", broken.Error);

        server.Put(SyncTests.Names[0], [.. zip, .. "a newer file"u8], SyncTests.Published.AddDays(1), cutMidway: true);
        var cut = await RunAsync();
        Assert.True(cut.ExitCode == IngestCli.DownloadFailed, cut.ToString());
        Assert.Equal(served, await DatasetSnapshot.TakeAsync(database));
    }

    private static void Answer(ExtractFile extract, string[] row)
    {
        extract.Set(row, "Sort", "Réponse du Ministère");
        extract.Set(row, "Ministère de réponse", extract.Get(row, "Ministère de dépôt"));
        extract.Set(row, "Date de réponse JO", "27/11/2026");
    }

    private string[] Days() => Directory.Exists(Archive)
        ? [.. Directory.GetDirectories(Archive).Where(d => System.Text.RegularExpressions.Regex.IsMatch(Path.GetFileName(d), @"^20\d\d-\d\d-\d\d$"))]
        : [];

    /// <summary>deploy/import.sh as the image runs it, but with this build's importer instead of /app's; a sync unless IMPORT_FROM is given.</summary>
    private async Task<IngestTool.Outcome> RunAsync(params (string Name, string Value)[] environment)
    {
        var script = Path.Combine(scratch.Path, "import.sh");
        var importer = Path.Combine(AppContext.BaseDirectory, "opendata-ingest.dll");
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), "deploy", "import.sh"));
        Assert.Contains("dotnet /app/opendata-ingest.dll", text);
        File.WriteAllText(script, text.Replace("/app/opendata-ingest.dll", importer, StringComparison.Ordinal));

        var start = new ProcessStartInfo("sh", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ConnectionStrings__OpenData"] = database.OwnerConnectionString;
        start.Environment["SYNC_DIR"] = Path.Combine(Archive, "sources");
        start.Environment["ARCHIVE_DIR"] = Archive;
        start.Environment["IMPORT_DIR"] = Path.Combine(scratch.Path, "no-files-here");
        start.Environment["Sync__QuestionsUrl"] = server.Url(SyncTests.Names[0]);
        start.Environment["Sync__SenatorsUrl"] = server.Url(SyncTests.Names[1]);
        start.Environment["Sync__GroupsUrl"] = server.Url(SyncTests.Names[2]);
        start.Environment["Sync__ExtractUrl"] = server.Url(SyncTests.Names[3]);
        start.Environment["Sync__TimeoutSeconds"] = "30";
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(10)); // a hung job, not a slow one
        await process.WaitForExitAsync(limit.Token);
        return new IngestTool.Outcome(process.ExitCode, await output, await error);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "OpenData.Api.sln"))) return directory.FullName;
        throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
