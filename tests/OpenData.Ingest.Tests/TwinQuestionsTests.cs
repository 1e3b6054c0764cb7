using Dapper;
using Npgsql;
using OpenData.Generation;
using OpenData.Ingest.Import.Twins;
using OpenData.Testing;

namespace OpenData.Ingest.Tests;

/// <summary>
/// Twin questions, found at import: the generator plants campaigns (a text copied by other senators word for word,
/// with a few words changed, with a sentence added, under a new title) and decoys (a campaign's title, other words);
/// the import must find the copies and never a decoy.
/// </summary>
public sealed class TwinQuestionsTests : IAsyncLifetime
{
    private readonly SourceFiles files = SourceFiles.Generated(10_000, seed: 5);
    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await TemplateDatabases.ImportedAsync(files);

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Planted_twins_are_found_with_a_precision_and_a_recall_of_at_least_95_percent_and_never_a_decoy()
    {
        var planted = File.ReadAllLines(Path.Combine(files.Directory, DatasetGenerator.PlantedTwinsFileName)).Skip(1)
            .Select(l => l.Split(',')).Select(f => (Question: f[0], Campaign: f[1], Edit: f[2])).ToList();
        var campaigns = planted.Where(p => p.Edit != "decoy").GroupBy(p => p.Campaign).ToDictionary(g => g.Key, g => g.Select(p => p.Question).ToList());
        var truth = campaigns.Values.SelectMany(Pairs).ToHashSet();
        Assert.True(campaigns.Count >= 20, $"{campaigns.Count} campaigns planted");
        Assert.Contains(planted, p => p.Edit == "decoy");

        await using var connection = new NpgsqlConnection(database.ReaderConnectionString);
        var found = (await connection.QueryAsync<(string A, string B, float Similarity)>(
            "SELECT question_id, similar_id, similarity FROM opendata.question_similar WHERE question_id < similar_id")).ToList();
        var reverse = await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM opendata.question_similar s WHERE NOT EXISTS (SELECT FROM opendata.question_similar r WHERE r.question_id = s.similar_id AND r.similar_id = s.question_id AND r.similarity = s.similarity)");
        Assert.Equal(0, reverse);
        Assert.All(found, f => Assert.InRange(f.Similarity, (float)Data.Twins.TwinQueries.Threshold, 1f));

        var right = found.Count(f => truth.Contains((f.A, f.B)));
        var precision = (double)right / found.Count;
        var recall = (double)right / truth.Count;
        Assert.True(precision >= 0.95 && recall >= 0.95, $"precision {precision:F3}, recall {recall:F3} over {truth.Count} planted pairs, {found.Count} found");

        var decoys = planted.Where(p => p.Edit == "decoy").Select(p => p.Question).ToHashSet();
        Assert.DoesNotContain(found, f => decoys.Contains(f.A) || decoys.Contains(f.B));

        // Each campaign's questions in one group, named by its earliest question, listing them in publication order.
        var groups = (await connection.QueryAsync<(string Id, string[] Questions, int Size)>("SELECT id, question_ids, size FROM opendata.twin_groups"))
            .ToDictionary(g => g.Id);
        var grouped = 0;
        foreach (var (campaign, questions) in campaigns)
        {
            var group = groups.Values.SingleOrDefault(g => g.Questions.Contains(campaign));
            if (group.Id is null) continue;
            Assert.Equal(group.Size, group.Questions.Length);
            Assert.Equal(campaign, group.Id); // the campaign is published before its copies
            Assert.DoesNotContain(group.Questions, q => !questions.Contains(q));
            grouped += group.Questions.Length;
        }
        Assert.True(grouped >= 0.95 * campaigns.Values.Sum(q => q.Count), $"{grouped} of {campaigns.Values.Sum(q => q.Count)} planted questions in their campaign's group");
        var ordered = await connection.ExecuteScalarAsync<long>("""
            SELECT count(*) FROM opendata.twin_groups g
            WHERE g.question_ids <> ARRAY(SELECT q.id FROM opendata.questions q WHERE q.id = ANY(g.question_ids) ORDER BY q.published_at, q.id)
            """);
        Assert.Equal(0, ordered);
    }

    [Fact]
    public void The_opening_formula_is_not_compared_and_the_language_of_questions_makes_no_twins()
    {
        var words = new Random(3);
        string Prose(int count) => string.Join(' ', Enumerable.Range(0, count).Select(_ => $"mot{words.Next(1_000_000)}"));
        var own = Prose(60);
        var other = Prose(30);
        const string Formula = "lui demande de bien vouloir lui indiquer les mesures que le Gouvernement entend prendre pour remédier à cette situation";
        List<TwinCandidate> questions =
        [
            Candidate("A", $"M. Jean Dupont attire l'attention de M. le ministre de l'intérieur sur {own}"),
            Candidate("B", $"Mme Anne Martin interroge Mme la ministre des sports, de la jeunesse et de la vie associative au sujet de {own}"),
            Candidate("C", $"M. Jean Dupont attire l'attention de M. le ministre de l'intérieur sur {Prose(60)}"),
            // Sixty questions sharing a long formula and little else: the formula is in more than 1 % of them (and 50).
            .. Enumerable.Range(0, 60).Select(i => Candidate($"F{i:00}", $"Mme X interroge M. Y sur {Prose(14)}. Elle {Formula}.")),
            // Case and accents are not compared.
            Candidate("G", $"M. Z appelle l'attention de M. le ministre sur l'ÉVOLUTION des écoles élémentaires à Épinal et à Bœrsch {other}"),
            Candidate("H", $"Mme W interroge Mme la ministre sur l'evolution des ecoles elementaires a epinal et a boersch {other.ToUpperInvariant()}"),
        ];

        var pairs = TwinFinder.Pairs(questions);

        Assert.Equal([(0, 1, 1f), (63, 64, 1f)], pairs.Select(p => (p.First, p.Second, p.Similarity)).Order());
        Assert.Equal([[0, 1], [63, 64]], TwinFinder.Groups(pairs, questions.Count).Select(g => g.Order().ToList()).OrderBy(g => g[0]).Select(g => g.ToArray()));
    }

    private static TwinCandidate Candidate(string id, string text) => new(id, new DateOnly(2024, 1, 1), TwinText.Shingles(text));

    private static IEnumerable<(string, string)> Pairs(List<string> questions) =>
        from a in questions from b in questions where string.CompareOrdinal(a, b) < 0 select (a, b);
}
