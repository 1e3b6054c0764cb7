using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using OpenData.Ingest.Cli;
using OpenData.Testing;

namespace OpenData.Ingest.Tests;

/// <summary>A database that a sync from a loopback server filled, and the directory that sync left: the state each failure starts from.</summary>
public sealed class SyncedDatabase : IAsyncLifetime
{
    public SourceFiles Files { get; } = SourceFiles.Generated(300, seed: 17);
    public TestDatabase Database { get; private set; } = null!;
    public ScratchDirectory Synced { get; } = SourceFiles.Scratch();

    public async Task InitializeAsync()
    {
        Database = await TemplateDatabases.MigratedAsync();
        using var server = Serve(Files);
        await IngestTool.SucceedAsync(SyncTests.Arguments(server, Database, Synced.Path));
    }

    public static SourceServer Serve(SourceFiles files)
    {
        var server = new SourceServer();
        foreach (var name in SyncTests.Names) server.PutFile(name, Path.Combine(files.Directory, name), SyncTests.Published);
        return server;
    }

    public async Task DisposeAsync()
    {
        Synced.Dispose();
        await Database.DisposeAsync();
    }
}

/// <summary>
/// A download that is cut, or a file that is not whole, fails the sync with a clear message and a non-zero exit; the
/// files of the last good sync stay in place, no partial file is left, and the previous dataset keeps serving.
/// </summary>
public sealed class SyncFailureTests(SyncedDatabase fixture) : IClassFixture<SyncedDatabase>, IDisposable
{
    private readonly ScratchDirectory directory = SourceFiles.Scratch();
    private readonly string dump = File.ReadAllText(fixture.Files.Questions);

    public void Dispose() => directory.Dispose();

    [Fact]
    public Task A_truncated_zip_fails_and_changes_nothing()
    {
        var zip = File.ReadAllBytes(Path.Combine(fixture.Files.Directory, "questions.zip"));
        return AssertFailsAsync("questions.zip", zip[..(zip.Length * 2 / 3)], IngestCli.BadInput, "error: questions.zip: not a readable zip archive");
    }

    [Fact]
    public Task A_zip_whose_crc_does_not_match_fails_and_changes_nothing()
    {
        var zip = Zip(dump, CompressionLevel.NoCompression);
        var at = zip.AsSpan().IndexOf(Encoding.UTF8.GetBytes("SEQ"));
        zip[at + 1] = (byte)'X'; // a stored entry: the byte changes in the dump, not in the archive's structure
        return AssertFailsAsync("questions.zip", zip, IngestCli.BadInput, "error: questions.zip!questions.sql: CRC-32 ");
    }

    [Fact]
    public Task A_dump_ending_inside_a_copy_block_fails_and_changes_nothing()
    {
        var lastBlock = dump.LastIndexOf("\\.\n", StringComparison.Ordinal);
        var cut = dump[..dump.LastIndexOf('\n', lastBlock - 2)] + "\n";
        return AssertFailsAsync("questions.zip", Zip(cut, CompressionLevel.Optimal), IngestCli.BadInput,
            "error: questions.zip!questions.sql, table the, line ", "ends inside the COPY block that starts at line");
    }

    [Fact]
    public Task A_truncated_json_file_fails_and_changes_nothing()
    {
        var senators = File.ReadAllBytes(fixture.Files.Senators);
        return AssertFailsAsync("ODSEN_GENERAL.json", senators[..(senators.Length / 2)], IngestCli.BadInput, "error: ODSEN_GENERAL.json, line ", "malformed JSON");
    }

    [Fact]
    public Task A_connection_dropped_mid_file_fails_and_changes_nothing() =>
        AssertFailsAsync("questions.zip", Zip(dump.Replace("SEQ", "SEX"), CompressionLevel.Optimal), IngestCli.DownloadFailed,
            "error: questions.zip: the connection ended after ", cutMidway: true);

    [Fact]
    public Task A_file_announced_larger_than_the_limit_is_refused_before_it_is_read() =>
        AssertFailsAsync("questions.zip", new byte[(1 << 20) + 1], IngestCli.DownloadFailed,
            "error: questions.zip: the server announces 1,048,577 bytes, more than the 1,048,576 allowed (--max-download-mb)", arguments: ["--max-download-mb", "1"]);

    [Fact]
    public Task A_body_without_a_length_is_cut_at_the_limit_and_leaves_no_part_file() =>
        AssertFailsAsync("questions.zip", new byte[3 << 20], IngestCli.DownloadFailed,
            "error: questions.zip: more than the 1,048,576 bytes allowed (--max-download-mb): refused", arguments: ["--max-download-mb", "1"], chunked: true);

    [Fact]
    public async Task A_redirect_to_another_host_is_refused()
    {
        using var elsewhere = new SourceServer();
        var url = elsewhere.Url("questions.zip").Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        await AssertFailsAsync("questions.zip", [], IngestCli.DownloadFailed, "error: questions.zip: ", "redirects to http://localhost:",
            redirectTo: url, status: 302);
        Assert.Empty(elsewhere.Log);
    }

    [Fact]
    public async Task A_redirect_on_the_same_host_is_followed()
    {
        CopyDirectory(fixture.Synced.Path, directory.Path);
        using var server = SyncedDatabase.Serve(fixture.Files);
        server.PutFile("moved/questions.zip", Path.Combine(fixture.Files.Directory, "questions.zip"), SyncTests.Published);
        server.PutRedirect("questions.zip", "/moved/questions.zip");
        var outcome = await IngestTool.RunAsync(SyncTests.Arguments(server, fixture.Database, directory.Path));
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains(("questions.zip", 302), server.Log);
        Assert.Contains(server.Log, l => l.Path == "moved/questions.zip" && l.Status is 200 or 304); // 304: the same file as the last sync
    }

    private async Task AssertFailsAsync(string name, byte[] served, int exitCode, string expected, string? alsoExpected = null, bool cutMidway = false,
        string[]? arguments = null, bool chunked = false, string? redirectTo = null, int status = 200)
    {
        CopyDirectory(fixture.Synced.Path, directory.Path);
        var filesBefore = Checksums(directory.Path);
        var before = await DatasetSnapshot.TakeAsync(fixture.Database);
        using var server = SyncedDatabase.Serve(fixture.Files);
        if (redirectTo is not null) server.PutRedirect(name, redirectTo);
        else if (chunked) server.PutChunked(name, served);
        else server.Put(name, served, SyncTests.Published.AddDays(1), cutMidway);

        var outcome = await IngestTool.RunAsync([.. SyncTests.Arguments(server, fixture.Database, directory.Path), .. arguments ?? []]);

        Assert.True(outcome.ExitCode == exitCode, outcome.ToString());
        Assert.StartsWith(expected, outcome.Error);
        if (alsoExpected is not null) Assert.Contains(alsoExpected, outcome.Error.Split('\n')[0]);
        Assert.DoesNotContain("   at ", outcome.Error);
        Assert.Contains((name, status), server.Log);
        Assert.Equal(filesBefore, Checksums(directory.Path));
        Assert.Equal(before, await DatasetSnapshot.TakeAsync(fixture.Database));
        Assert.Contains("SEQ", await FirstQuestionIdAsync());
    }

    private async Task<string> FirstQuestionIdAsync()
    {
        await using var db = await fixture.Database.OpenOwnerAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT id FROM opendata.questions WHERE id LIKE 'SEQ%' ORDER BY id LIMIT 1", db);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Every file of the directory (no .part among them, the state file included) with its SHA-256.</summary>
    private static Dictionary<string, string> Checksums(string path) => Directory.GetFiles(path)
        .ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f))));

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
    }

    private static byte[] Zip(string sql, CompressionLevel level)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        using (var entry = archive.CreateEntry("questions.sql", level).Open())
            entry.Write(Encoding.UTF8.GetBytes(sql));
        return buffer.ToArray();
    }
}
