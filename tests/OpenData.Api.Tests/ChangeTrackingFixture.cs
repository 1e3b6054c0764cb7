using System.Text.Json.Nodes;
using Dapper;
using OpenData.Testing;

namespace OpenData.Api.Tests;

/// <summary>
/// Import A (generated files), then B: A's files edited as the Senate would publish them later (two questions answered,
/// one with an answer row, one transferred, one withdrawn, one removed, a senator changed group), B once more, and the
/// API serving the result. What B changes is known from the edit, so the feed can be checked entry by entry.
/// </summary>
public sealed class ChangeTrackingFixture : IAsyncLifetime
{
    private ApiFactory? factory;
    private readonly ScratchDirectory scratch = SourceFiles.Scratch();

    public TestDatabase Database { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;
    public Picks Picked { get; private set; } = null!;
    public long ChangesAfterB { get; private set; }
    public long ChangesAfterSecondB { get; private set; }
    public SourceFiles B { get; private set; } = null!;

    /// <summary>The rows edited in B (question ids, source ids and the values written).</summary>
    public sealed record Picks(string Answered, string AnsweredByRow, string Transferred, string Withdrawn, string Removed,
        string RemovedAuthor, long RemovedMinistry, string Regrouped, long TransferMinistry, string NewGroup);

    public async Task InitializeAsync()
    {
        var a = SourceFiles.Generated(600, seed: 7);
        Database = await TemplateDatabases.ImportedAsync(a);

        await using var db = await Database.OpenOwnerAsync();
        var awaiting = (await db.QueryAsync<(string Id, long SourceId)>("""
            SELECT id, source_id FROM opendata.questions q
            WHERE status = 'awaiting_answer' AND author_known AND transfer_ministry_id IS NULL
              AND NOT EXISTS (SELECT FROM opendata.questions r WHERE r.reminds_question_id = q.id) AND reminds_question_id IS NULL
            ORDER BY id LIMIT 5
            """)).ToList();
        var removed = awaiting[4];
        var (removedAuthor, removedMinistry) = await db.QuerySingleAsync<(string, long)>("SELECT author_id, ministry_id FROM opendata.questions WHERE id = @Id", new { removed.Id });
        var transferMinistry = await db.QuerySingleAsync<long>("SELECT id FROM opendata.ministries WHERE id <> (SELECT ministry_id FROM opendata.questions WHERE id = @Id) ORDER BY id LIMIT 1", new { awaiting[2].Id });
        var regrouped = await db.QuerySingleAsync<string>("SELECT id FROM opendata.senators WHERE id <> @removedAuthor AND group_code IS NOT NULL AND group_code <> 'NI' ORDER BY id LIMIT 1", new { removedAuthor });
        Picked = new Picks(awaiting[0].Id, awaiting[1].Id, awaiting[2].Id, awaiting[3].Id, removed.Id, removedAuthor, removedMinistry, regrouped, transferMinistry, "NI");

        var sourceIds = awaiting.ToDictionary(p => p.Id, p => p.SourceId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        B = SourceFiles.In(scratch.Path);
        await File.WriteAllTextAsync(B.Questions, EditDump(await File.ReadAllTextAsync(a.Questions), sourceIds));
        File.Copy(a.Groups!, B.Groups!);
        var senators = JsonNode.Parse(await File.ReadAllTextAsync(a.Senators))!;
        var records = senators is JsonArray array ? array : senators.AsObject().First(p => p.Value is JsonArray).Value!.AsArray();
        records.First(s => s!["Matricule"]!.GetValue<string>() == regrouped)!["Groupe_politique"] = Picked.NewGroup;
        await File.WriteAllTextAsync(B.Senators, senators.ToJsonString());

        await IngestTool.ImportAsync(Database, B);
        ChangesAfterB = await db.ExecuteScalarAsync<long>("SELECT count(*) FROM opendata_meta.changes");
        await IngestTool.ImportAsync(Database, B);
        ChangesAfterSecondB = await db.ExecuteScalarAsync<long>("SELECT count(*) FROM opendata_meta.changes");

        factory = new ApiFactory(Database.ReaderConnectionString, new Dictionary<string, string> { ["OutputCache:Enabled"] = "false" });
        Client = factory.CreateClient();
    }

    /// <summary>A's dump with B's edits, made on the COPY rows by column name (the dump is pg_dump's text format).</summary>
    private string EditDump(string dump, IReadOnlyDictionary<string, string> sourceIds)
    {
        var lines = dump.Split('\n').ToList();
        string[] header = [];
        string? table = null;
        var withdrawnCode = "";
        var output = new List<string>();
        foreach (var line in lines)
        {
            if (CopyDumpReader.Header(line) is var (copied, columns))
            {
                (table, header) = (copied, columns);
                output.Add(line);
                continue;
            }
            if (table is null || line == "\\.")
            {
                if (table == "tam_reponses" && line == "\\.")
                    output.Add(Row(header, new() { ["idque"] = sourceIds[Picked.AnsweredByRow], ["datejorep"] = "2026-11-20 00:00:00", ["txtrep"] = "Réponse publiée dans B.", ["minrepid"] = Picked.RemovedMinistry.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
                if (line == "\\.") table = null;
                output.Add(line);
                continue;
            }
            var fields = line.Split('\t');
            string Get(string column) => fields[Array.IndexOf(header, column)];
            void Set(string column, string value) => fields[Array.IndexOf(header, column)] = value;
            if (table == "sortquestion" && Get("sorquelib").StartsWith("Retir", StringComparison.Ordinal)) withdrawnCode = Get("sorquecod");
            if (table == "tam_questions")
            {
                var id = Get("id");
                if (id == sourceIds[Picked.Removed]) continue;
                if (id == sourceIds[Picked.Answered])
                {
                    Set("datejorep1", "2026-11-18 00:00:00");
                    Set("minrepid1", Get("mindepotid"));
                }
                if (id == sourceIds[Picked.Transferred])
                {
                    Set("datejotran", "2026-11-10 00:00:00");
                    Set("mintranid", Picked.TransferMinistry.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
                if (id == sourceIds[Picked.Withdrawn]) Set("sorquecod", withdrawnCode);
            }
            output.Add(string.Join('\t', fields));
        }
        return string.Join('\n', output);
    }

    private static string Row(string[] header, Dictionary<string, string> values) =>
        string.Join('\t', header.Select(c => values.GetValueOrDefault(c, "\\N")));

    public async Task DisposeAsync()
    {
        if (factory is not null) await factory.DisposeAsync();
        await Database.DisposeAsync();
        scratch.Dispose();
    }
}
