using System.IO.Compression;
using Dapper;
using OpenData.Ingest.Cli;
using OpenData.Testing;

namespace OpenData.Ingest.Tests;

/// <summary>
/// Bad input aborts the import with one clear message naming the file, table and line, a non-zero exit,
/// and the dataset that was being served before still served, untouched.
/// </summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private static readonly string GoodDump = File.ReadAllText(EdgeCaseFixture.Files.Questions);
    private TestDatabase database = null!;
    private readonly ScratchDirectory scratch = SourceFiles.Scratch();
    private (long Version, long Questions, string Hashes) before;

    public async Task InitializeAsync()
    {
        database = await TemplateDatabases.ImportedAsync(EdgeCaseFixture.Files);
        before = await SnapshotAsync();
    }

    public async Task DisposeAsync()
    {
        scratch.Dispose();
        await database.DisposeAsync();
    }

    [Fact]
    public Task A_truncated_dump_is_rejected() =>
        AssertRejectedAsync(Dump(GoodDump[..GoodDump.IndexOf("SEQ220800010", StringComparison.Ordinal)]),
            "questions.sql, table tam_questions, line ", "ends inside the COPY block that starts at line");

    [Fact]
    public Task A_row_with_the_wrong_field_count_is_rejected() =>
        AssertRejectedAsync(Dump(GoodDump.Replace("\tTexte oral.\t", "\tTexte oral.\tun champ de trop\t")),
            $"questions.sql, table tam_questions, line {LineOf("SEO210600006")}: expected 30 tab-separated fields as in the COPY header, found 31");

    [Fact]
    public Task An_unparsable_date_is_rejected() =>
        AssertRejectedAsync(Dump(GoodDump.Replace("2021-03-01 00:00:00", "2021-13-45 00:00:00")),
            $"questions.sql, table tam_questions, line {LineOf("SEQ210300003")}: column datejodepot: '2021-13-45 00:00:00' is not a date");

    [Fact]
    public Task An_unparsable_number_is_rejected() =>
        AssertRejectedAsync(Dump(GoodDump.Replace("SEQ210400004\t104\t", "SEQ210400004\tcent-quatre\t")),
            $"questions.sql, table tam_questions, line {LineOf("SEQ210400004")}: column id: 'cent-quatre' is not an integer");

    [Fact]
    public Task A_missing_table_is_rejected()
    {
        var start = GoodDump.IndexOf("COPY tam_reponses", StringComparison.Ordinal);
        var end = GoodDump.IndexOf("\\.\n", start, StringComparison.Ordinal) + 3;
        return AssertRejectedAsync(Dump(GoodDump.Remove(start, end - start)), "questions.sql: no COPY block for table tam_reponses");
    }

    [Fact]
    public Task A_missing_required_column_is_rejected() =>
        AssertRejectedAsync(Dump(GoodDump.Replace("COPY tam_questions (reference, id,", "COPY tam_questions (ref, id,")),
            "questions.sql, table tam_questions, line ", "required column reference missing from the COPY header");

    [Fact]
    public Task A_duplicate_reference_is_rejected() =>
        AssertRejectedAsync(Dump(GoodDump.Replace("SEQ210400004\t", "SEQ210300003\t")),
            $"questions.sql, table tam_questions, line {LineOf("SEQ210400004")}: duplicate reference 'SEQ210300003' (already at line {LineOf("SEQ210300003")})");

    [Fact]
    public Task A_line_longer_than_the_limit_is_refused_while_it_is_read()
    {
        // One line of 17 MiB in a zip of a few KB: refused at its line, past the limit, without holding it whole.
        var path = scratch.File("questions.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        using (var entry = new StreamWriter(zip.CreateEntry("questions.sql").Open()))
        {
            entry.Write(GoodDump[..GoodDump.IndexOf("COPY tam_questions", StringComparison.Ordinal)]);
            entry.Write("-- ");
            for (var i = 0; i < 17; i++) entry.Write(new string('x', 1 << 20));
            entry.Write("\n");
        }
        return AssertRejectedAsync(path, $"questions.zip!questions.sql, line {GoodDump[..GoodDump.IndexOf("COPY tam_questions", StringComparison.Ordinal)].Count(c => c == '\n') + 1}: the line is longer than {OpenData.Ingest.Source.SourceLimits.MaxLineBytes:N0} bytes");
    }

    [Fact]
    public Task A_nul_byte_is_refused_at_its_line() =>
        AssertRejectedAsync(Dump(GoodDump.Replace("SEQ210400004\t", "SEQ210400004\0\t")),
            $"questions.sql, table tam_questions, line {LineOf("SEQ210400004")}: a NUL byte");

    [Fact]
    public Task Invalid_utf8_is_refused_at_its_exact_line_however_far_in_the_file()
    {
        // Far beyond the first buffer of the reader: the line is the one holding the bad byte, not the buffer's.
        var padding = string.Concat(Enumerable.Repeat("-- remplissage\n", 20_000));
        var dump = padding + GoodDump;
        var bytes = System.Text.Encoding.UTF8.GetBytes(dump.Replace("SEQ210400004\t", "SEQ210400004~~\t"));
        var at = bytes.AsSpan().IndexOf("SEQ210400004~~"u8) + "SEQ210400004".Length;
        bytes[at] = 0xC3; // a lead byte without its continuation
        bytes[at + 1] = (byte)'x';
        var path = scratch.File("questions.sql");
        File.WriteAllBytes(path, bytes);
        var line = dump[..dump.IndexOf("SEQ210400004", StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        return AssertRejectedAsync(path, $"questions.sql, table tam_questions, line {line}: not valid UTF-8 text");
    }

    [Fact]
    public async Task A_dump_over_the_limit_is_refused_before_it_is_read()
    {
        var path = scratch.File("questions.sql");
        await using (var file = File.Create(path)) file.SetLength(OpenData.Ingest.Source.SourceLimits.MaxDumpBytes + 1); // sparse: nothing written
        await AssertRejectedAsync(path, "questions.sql: ", $"more than the {OpenData.Ingest.Source.SourceLimits.MaxDumpBytes:N0} the importer reads for a dump");
    }

    [Fact]
    public async Task A_senators_file_over_the_limit_is_refused_before_it_is_read()
    {
        var path = scratch.File("ODSEN_GENERAL.json");
        await using (var file = File.Create(path)) file.SetLength(OpenData.Ingest.Source.SourceLimits.MaxJsonBytes + 1); // sparse: nothing written
        var outcome = await IngestTool.RunAsync("import", "--connection", database.OwnerConnectionString,
            "--questions", EdgeCaseFixture.Files.Questions, "--senators", path, "--groups", EdgeCaseFixture.Files.Groups!);
        await AssertUnchangedAsync(outcome, "ODSEN_GENERAL.json: ", $"more than the {OpenData.Ingest.Source.SourceLimits.MaxJsonBytes:N0} the importer reads");
    }

    [Fact]
    public async Task Control_characters_in_the_text_are_removed_at_import_and_counted()
    {
        var title = GoodDump.Split('\n').First(l => l.StartsWith("SEQ210400004\t", StringComparison.Ordinal)).Split('\t');
        var header = GoodDump.Split('\n').First(l => l.StartsWith("COPY tam_questions", StringComparison.Ordinal));
        var column = header[(header.IndexOf('(') + 1)..header.IndexOf(')')].Split(", ").ToList().IndexOf("titre");
        var dirty = title.ToArray();
        dirty[column] = "\x01Titre\x07 avec \\001contr\x1fôles\x7f"; // raw bytes, and one as COPY's octal escape
        var outcome = await IngestTool.RunAsync("import", "--connection", database.OwnerConnectionString,
            "--questions", Dump(GoodDump.Replace(string.Join('\t', title), string.Join('\t', dirty))), "--senators", EdgeCaseFixture.Files.Senators, "--groups", EdgeCaseFixture.Files.Groups!);
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("5 control characters removed", outcome.Output);
        Assert.Equal("Titre avec contrôles", await database.ScalarAsync<string>("SELECT title FROM opendata.questions WHERE id = 'SEQ210400004'"));
        Assert.Contains("5 control characters removed", await database.ScalarAsync<string>("SELECT notices::text FROM opendata.dataset"));
    }

    [Fact]
    public async Task Control_characters_and_nul_in_the_senators_json_are_removed_and_counted()
    {
        var path = scratch.File("ODSEN_GENERAL.json");
        File.WriteAllText(path, File.ReadAllText(EdgeCaseFixture.Files.Senators).Replace("\"Nom_usuel\": \"Dupré\"", "\"Nom_usuel\": \"Du\\u0000pr\\u0001é\""));
        var outcome = await IngestTool.RunAsync("import", "--connection", database.OwnerConnectionString,
            "--questions", EdgeCaseFixture.Files.Questions, "--senators", path, "--groups", EdgeCaseFixture.Files.Groups!);
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("ODSEN_GENERAL.json: 2 control characters removed", outcome.Output);
        Assert.Equal("Dupré", await database.ScalarAsync<string>("SELECT last_name FROM opendata.senators WHERE id = '01001A'"));
    }

    [Fact]
    public Task A_file_named_zip_that_is_not_a_zip_is_rejected()
    {
        var path = scratch.File("questions.zip");
        File.WriteAllText(path, GoodDump);
        return AssertRejectedAsync(path, "questions.zip: not a zip archive");
    }

    [Fact]
    public Task A_damaged_zip_is_rejected()
    {
        var path = scratch.File("questions.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        using (var writer = new StreamWriter(zip.CreateEntry("questions.sql").Open()))
            writer.Write(GoodDump);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        return AssertRejectedAsync(path, "questions.zip");
    }

    [Fact]
    public async Task Malformed_senators_json_is_rejected()
    {
        var senators = scratch.File("ODSEN_GENERAL.json");
        File.WriteAllText(senators, "[\n  {\"Matricule\": \"01001A\",\n   \"Nom_usuel\": \"Dupré\"\n  ,,\n]");
        var outcome = await IngestTool.RunAsync("import", "--connection", database.OwnerConnectionString,
            "--questions", EdgeCaseFixture.Files.Questions, "--senators", senators);
        await AssertUnchangedAsync(outcome, "ODSEN_GENERAL.json, line 4: malformed JSON");
    }

    [Fact]
    public async Task An_unparsable_senator_date_is_rejected()
    {
        var senators = scratch.File("ODSEN_GENERAL.json");
        File.WriteAllText(senators, """[{"Matricule": "01001A", "Date_naissance": "le 4 mai 1970"}]""");
        var outcome = await IngestTool.RunAsync("import", "--connection", database.OwnerConnectionString,
            "--questions", EdgeCaseFixture.Files.Questions, "--senators", senators);
        await AssertUnchangedAsync(outcome, "ODSEN_GENERAL.json, record 1: Date_naissance 'le 4 mai 1970' is not a date");
    }

    [Fact]
    public async Task Importing_into_a_database_that_was_never_migrated_says_to_migrate()
    {
        await using var empty = await TestPostgres.CreateDatabaseAsync();
        var outcome = await IngestTool.RunAsync(["import", "--connection", empty.OwnerConnectionString, .. EdgeCaseFixture.Files.ImportArguments]);
        Assert.Equal(IngestCli.DatabaseProblem, outcome.ExitCode);
        Assert.Contains("run the 'migrate' command first", outcome.Error);
    }

    [Fact]
    public async Task A_database_error_during_the_migration_check_is_reported_as_itself_not_as_a_missing_migration()
    {
        // The API's read-only role may not read the migrations table: a real error, on a migrated database.
        var outcome = await IngestTool.RunAsync(["import", "--connection", database.ReaderConnectionString, .. EdgeCaseFixture.Files.ImportArguments]);
        Assert.Equal(IngestCli.DatabaseProblem, outcome.ExitCode);
        Assert.Contains("permission denied", outcome.Error);
        Assert.DoesNotContain("migrate", outcome.Error);
    }

    private string Dump(string content)
    {
        var path = scratch.File("questions.sql");
        File.WriteAllText(path, content);
        return path;
    }

    private static int LineOf(string text) =>
        GoodDump.Split('\n').Select((line, index) => (line, index)).First(l => l.line.StartsWith(text, StringComparison.Ordinal)).index + 1;

    private async Task AssertRejectedAsync(string questions, params string[] expected)
    {
        var outcome = await IngestTool.RunAsync("import", "--connection", database.OwnerConnectionString,
            "--questions", questions, "--senators", EdgeCaseFixture.Files.Senators, "--groups", EdgeCaseFixture.Files.Groups!);
        await AssertUnchangedAsync(outcome, expected);
    }

    private async Task AssertUnchangedAsync(IngestTool.Outcome outcome, params string[] expected)
    {
        Assert.True(outcome.ExitCode == IngestCli.BadInput, outcome.ToString());
        var firstLine = outcome.Error.Split('\n')[0];
        Assert.StartsWith("error: ", firstLine);
        foreach (var text in expected) Assert.Contains(text, firstLine);
        Assert.DoesNotContain("   at ", outcome.Error); // no stack trace
        Assert.Equal(before, await SnapshotAsync());
        await using var connection = await database.OpenOwnerAsync();
        Assert.False(await connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT FROM pg_namespace WHERE nspname = 'opendata_next')"));
    }

    private async Task<(long, long, string)> SnapshotAsync()
    {
        await using var connection = await database.OpenOwnerAsync();
        return await connection.QuerySingleAsync<(long, long, string)>("""
            SELECT (SELECT version FROM opendata.dataset), (SELECT count(*) FROM opendata.questions),
                   (SELECT md5(string_agg(encode(content_hash, 'hex'), '' ORDER BY id)) FROM opendata.questions)
            """);
    }
}
