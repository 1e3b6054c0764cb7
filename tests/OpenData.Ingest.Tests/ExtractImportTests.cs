using System.Text;
using Dapper;
using OpenData.Ingest.Cli;
using OpenData.Testing;

namespace OpenData.Ingest.Tests;

/// <summary>A database serving a generated dataset imported from its full files, for applying one-year extracts to it.</summary>
public sealed class ExtractFixture() : ImportedDatabase(500, seed: 21);

/// <summary>
/// The one-year extract (import --extract) on top of the serving dataset: it updates or adds the questions it holds,
/// keeps every other row as it was, records its changes like any import; a malformed extract changes nothing.
/// </summary>
public sealed class ExtractImportTests(ExtractFixture fixture) : IClassFixture<ExtractFixture>, IDisposable
{
    private readonly ScratchDirectory scratch = SourceFiles.Scratch();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public async Task The_extract_records_exactly_the_changes_it_carries_and_keeps_the_rest()
    {
        var database = fixture.Database;
        var generated = Path.Combine(fixture.Files.Directory, "questions-depuis-un-an.csv");

        // The dataset's own extract changes nothing: the source rows rebuilt from the served tables make the same dataset.
        var first = await DatasetSnapshot.TakeAsync(database);
        await Import(generated);
        Assert.Empty(await DatasetSnapshot.ChangesOfServingVersionAsync(database));
        Assert.Equal(first.Hashes, (await DatasetSnapshot.TakeAsync(database)).Hashes);

        var extract = new ExtractFile(generated);
        await using var db = await database.OpenOwnerAsync();
        var awaiting = (await db.QueryAsync<string>("""
            SELECT id FROM opendata.questions WHERE status = 'awaiting_answer' AND transfer_ministry_id IS NULL AND nature_code = 'QE'
              AND id = ANY(@ids) ORDER BY id LIMIT 4
            """, new { ids = extract.Rows.Select(r => extract.Get(r, "Référence")).ToArray() })).ToList();
        var (answered, transferred, withdrawn, retitled) = (awaiting[0], awaiting[1], awaiting[2], awaiting[3]);
        var row = extract.Row(answered);
        extract.Set(row, "Sort", "Réponse du Ministère");
        extract.Set(row, "Ministère de réponse", extract.Get(row, "Ministère de dépôt"));
        extract.Set(row, "Date de réponse JO", "20/11/2026");
        row = extract.Row(transferred);
        var elsewhere = extract.Rows.Select(r => extract.Get(r, "Ministère de dépôt")).First(m => m != extract.Get(extract.Row(transferred), "Ministère de dépôt"));
        extract.Set(row, "Date de transmission", "10/11/2026");
        extract.Set(row, "Ministère de transmission", elsewhere);
        extract.Set(extract.Row(withdrawn), "Sort", "Retirée");
        extract.Set(extract.Row(retitled), "Titre", "Un titre corrigé");

        // A question new to the dataset, by a senator of the file (found by name), and questions the extract no longer holds.
        var (source, author) = await db.QueryFirstAsync<(string, string)>("""
            SELECT q.id, q.author_id FROM opendata.questions q JOIN opendata.senators s ON s.id = q.author_id
            WHERE q.id = ANY(@ids) AND NOT EXISTS (SELECT FROM opendata.senators o WHERE o.id <> s.id AND o.last_name = s.last_name AND o.first_name = s.first_name)
            ORDER BY q.id LIMIT 1
            """, new { ids = extract.Rows.Select(r => extract.Get(r, "Référence")).Except([answered, transferred, withdrawn, retitled]).ToArray() });
        var added = extract.Row(source).ToArray();
        extract.Set(added, "Référence", "SEQ261199999");
        extract.Set(added, "Numéro", "99999");
        extract.Set(added, "Date de publication JO", "15/11/2026");
        extract.Set(added, "Référence de la question rappelée", "");
        extract.Rows.Add(added);
        var dropped = extract.Rows.Select(r => extract.Get(r, "Référence")).Where(r => r != source && !awaiting.Contains(r)).Take(20).ToList();
        extract.Rows.RemoveAll(r => dropped.Contains(extract.Get(r, "Référence")));

        var before = (await db.QueryAsync<(string, byte[])>("SELECT id, content_hash FROM opendata.questions")).ToDictionary(r => r.Item1, r => r.Item2);
        await Import(extract.WriteTo(scratch.File("questions-depuis-un-an.csv")));

        var ministry = await db.QuerySingleAsync<long>("SELECT ministry_id FROM opendata.questions WHERE id = 'SEQ261199999'");
        // A ministry's questionCount counts the questions addressed, transferred to or answered by it: the new question's
        // and the one the transferred question went to change.
        var transferredTo = await db.QuerySingleAsync<long>("SELECT transfer_ministry_id FROM opendata.questions WHERE id = @transferred", new { transferred });
        string[] expected =
        [
            .. new[] { ministry, transferredTo }.Distinct().Select(m => $"ministry {m} changed [questionCount]").Order(StringComparer.Ordinal),
            $"senator {author} changed [questionCount]",
            .. new[]
            {
                $"question {answered} changed [answer,status]", $"question {transferred} changed [transfer]", $"question {withdrawn} changed [status]",
                $"question {retitled} changed [title]", "question SEQ261199999 added []",
            }.OrderBy(c => c.Split(' ')[1], StringComparer.Ordinal),
        ];
        Assert.Equal(expected, await DatasetSnapshot.ChangesOfServingVersionAsync(database));
        // Generated data stays marked as such with an extract on top: it claims neither the Senate's licence nor its site.
        Assert.Equal((true, null, null), await db.QuerySingleAsync<(bool, string?, string?)>("SELECT generated, licence, source_url FROM opendata.dataset"));
        Assert.Equal(extract.Get(added, "Ministère de dépôt"), await db.QuerySingleAsync<string>("SELECT full_name FROM opendata.ministries WHERE id = @ministry", new { ministry }));
        Assert.Equal(author, await db.QuerySingleAsync<string>("SELECT author_id FROM opendata.questions WHERE id = 'SEQ261199999'"));

        // Every other question, those the extract no longer holds included, is served as it was.
        var after = (await db.QueryAsync<(string, byte[])>("SELECT id, content_hash FROM opendata.questions")).ToDictionary(r => r.Item1, r => r.Item2);
        Assert.Equal(before.Count + 1, after.Count);
        string[] changed = [answered, transferred, withdrawn, retitled];
        Assert.All(before.Where(b => !changed.Contains(b.Key)), b => Assert.Equal(b.Value, after[b.Key]));
        Assert.All(dropped, id => Assert.True(after.ContainsKey(id)));
        Assert.Contains("\"role\": \"extract\"", await db.QuerySingleAsync<string>("SELECT sources::text FROM opendata.dataset"));
    }

    [Fact]
    public async Task An_extract_in_another_encoding_is_rejected_with_its_line_and_changes_nothing()
    {
        var extract = new ExtractFile(Path.Combine(fixture.Files.Directory, "questions-depuis-un-an.csv"));
        // One line written in UTF-8 among ISO-8859-1 ones, as when files of both encodings are put together.
        var row = extract.Rows[7];
        var reference = extract.Get(row, "Référence");
        extract.Set(row, "Titre", "Réforme de l’État");
        var line = Encoding.UTF8.GetBytes(string.Join('|', row) + "\r\n");
        extract.Set(row, "Titre", "@line@");
        var bytes = extract.Bytes();
        var start = bytes.AsSpan().IndexOf(Encoding.Latin1.GetBytes(string.Join('|', row) + "\r\n"));
        var path = scratch.File("questions-depuis-un-an.csv");
        await File.WriteAllBytesAsync(path, [.. bytes[..start], .. line, .. bytes[(start + string.Join('|', row).Length + 2)..]]);
        await AssertRejectedAsync(path, $"questions-depuis-un-an.csv, line {extract.LineOf(reference)}: the text is UTF-8, but the extract is published in ISO-8859-1");
    }

    [Fact]
    public async Task An_extract_line_with_the_wrong_field_count_is_rejected_with_its_line_and_changes_nothing()
    {
        var extract = new ExtractFile(Path.Combine(fixture.Files.Directory, "questions-depuis-un-an.csv"));
        var row = extract.Rows[11];
        extract.Set(row, "Titre", extract.Get(row, "Titre") + "|de trop");
        var path = extract.WriteTo(scratch.File("questions-depuis-un-an.csv"));
        await AssertRejectedAsync(path,
            $"questions-depuis-un-an.csv, line {extract.LineOf(extract.Get(row, "Référence"))}: expected 21 |-separated fields as in the header, found 22");
    }

    private async Task AssertRejectedAsync(string path, string expected)
    {
        var before = await DatasetSnapshot.TakeAsync(fixture.Database);
        var outcome = await IngestTool.RunAsync("import", "--connection", fixture.Database.OwnerConnectionString, "--extract", path);
        Assert.True(outcome.ExitCode == IngestCli.BadInput, outcome.ToString());
        Assert.StartsWith($"error: {expected}", outcome.Error);
        Assert.Equal(before, await DatasetSnapshot.TakeAsync(fixture.Database));
        await using var db = await fixture.Database.OpenOwnerAsync();
        Assert.False(await db.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT FROM pg_namespace WHERE nspname = 'opendata_next')"));
    }

    private Task<IngestTool.Outcome> Import(string extract) =>
        IngestTool.SucceedAsync("import", "--connection", fixture.Database.OwnerConnectionString, "--extract", extract);
}
