using System.Net;
using System.Text.Json;
using OpenData.Data.Twins;
using OpenData.Generation;

namespace OpenData.Api.Tests;

/// <summary>
/// GET /v1/questions/{id}/similar and GET /v1/twins against a generated dataset whose planted twins and decoys are
/// known (the generator's planted-twins.csv), checked with SQL of the test's own.
/// </summary>
public sealed class TwinsApiTests(DatasetFixture fixture) : IClassFixture<DatasetFixture>
{
    private List<(string Question, string Campaign, string Edit)> Planted() =>
        [.. File.ReadAllLines(Path.Combine(fixture.Files.Directory, DatasetGenerator.PlantedTwinsFileName)).Skip(1)
            .Select(l => l.Split(',')).Select(f => (f[0], f[1], f[2]))];

    [Fact]
    public async Task A_campaigns_similar_list_gives_its_copies_most_similar_first_and_never_a_decoy()
    {
        var planted = Planted();
        var campaigns = planted.Where(p => p.Edit != "decoy").GroupBy(p => p.Campaign).Where(g => g.Count() >= 3).ToList();
        Assert.NotEmpty(campaigns);
        foreach (var campaign in campaigns)
        {
            var copies = campaign.Select(p => p.Question).Where(q => q != campaign.Key).ToHashSet();
            var similar = await fixture.Client.WalkAsync($"/v1/questions/{campaign.Key}/similar", "", 2, "id");
            var expected = await fixture.Database.QueryAsync<(string Id, float Similarity)>(
                "SELECT similar_id, similarity FROM opendata.question_similar WHERE question_id = @id ORDER BY similarity DESC, similar_id DESC", new { id = campaign.Key });
            Assert.Equal(expected.Select(e => e.Id), similar.Select(s => s.GetProperty("id").GetString()));
            Assert.Equal(expected.Select(e => Math.Round(e.Similarity, 4)), similar.Select(s => s.GetProperty("similarity").GetDouble()));
            Assert.All(similar, s => Assert.InRange(s.GetProperty("similarity").GetDouble(), TwinQueries.Threshold, 1));
            // A question like any other list's, its similarity first.
            Assert.Equal("similarity", similar[0].EnumerateObject().First().Name);
            Assert.True(similar[0].TryGetProperty("author", out _) && similar[0].TryGetProperty("publishedAt", out _));
            Assert.True(similar.Count(s => copies.Contains(s.GetProperty("id").GetString()!)) >= 0.95 * copies.Count - 1,
                $"{campaign.Key}: {similar.Count} similar for {copies.Count} copies");
            Assert.DoesNotContain(similar, s => planted.Any(p => p.Edit == "decoy" && p.Question == s.GetProperty("id").GetString()));
        }
    }

    [Fact]
    public async Task The_similar_list_refuses_what_it_cannot_serve()
    {
        var id = await fixture.Database.ScalarAsync<string>("SELECT question_id FROM opendata.question_similar ORDER BY 1 LIMIT 1");
        await fixture.Client.AssertProblemAsync("/v1/questions/SEQ000000000/similar", HttpStatusCode.NotFound);
        await fixture.Client.AssertProblemAsync($"/v1/questions/{id}/similar?limit=0", HttpStatusCode.BadRequest, "limit");
        await fixture.Client.AssertProblemAsync($"/v1/questions/{id}/similar?limit=201", HttpStatusCode.BadRequest, "limit");
        await fixture.Client.AssertProblemAsync($"/v1/questions/{id}/similar?cursor=WyJzaW1pbGFyaXR5IiwiMWUtNTAiLCJ4Il0", HttpStatusCode.BadRequest, "cursor");
        await fixture.Client.AssertProblemAsync($"/v1/questions/{id}/similar?sort=relevance", HttpStatusCode.BadRequest, "sort");
        // A question without twins: an empty list, not a 404.
        var lonely = await fixture.Database.ScalarAsync<string>(
            "SELECT id FROM opendata.questions q WHERE NOT EXISTS (SELECT FROM opendata.question_similar s WHERE s.question_id = q.id) ORDER BY id LIMIT 1");
        var body = await fixture.Client.GetJsonAsync($"/v1/questions/{lonely}/similar");
        Assert.Equal(0, body.GetProperty("meta").GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Twin_groups_come_largest_first_with_their_senators_groups_dates_and_earliest_question()
    {
        var groups = await fixture.Client.WalkAsync("/v1/twins", "", 3, "id");
        Assert.Equal(await fixture.Database.ScalarAsync<long>("SELECT count(DISTINCT group_id) FROM opendata.twin_members"), groups.Count);
        Assert.True(groups.Count >= 3, $"{groups.Count} twin groups");
        var sizes = groups.Select(g => g.GetProperty("size").GetInt32()).ToList();
        Assert.Equal(sizes.OrderDescending(), sizes);
        foreach (var group in groups)
        {
            var id = group.GetProperty("id").GetString()!;
            var members = await fixture.Database.QueryAsync<(string Id, DateOnly PublishedAt, string AuthorId, string? AuthorGroup)>("""
                SELECT q.id, q.published_at, q.author_id, q.author_group FROM opendata.twin_members m JOIN opendata.questions q ON q.id = m.question_id
                WHERE m.group_id = @id ORDER BY q.published_at, q.id
                """, new { id });
            var questions = group.GetProperty("questions").EnumerateArray().ToList();
            Assert.Equal(members.Select(m => m.Id), questions.Select(q => q.GetProperty("id").GetString()));
            Assert.Equal(members.Count, sizes[groups.IndexOf(group)]);
            Assert.Equal(members[0].Id, id);
            Assert.Equal(id, group.GetProperty("earliest").GetProperty("id").GetString());
            Assert.Equal(members[0].PublishedAt.ToString("yyyy-MM-dd"), group.GetProperty("publishedFrom").GetString());
            Assert.Equal(members[^1].PublishedAt.ToString("yyyy-MM-dd"), group.GetProperty("publishedTo").GetString());
            Assert.Equal(members.Select(m => m.AuthorId).Distinct(), group.GetProperty("senators").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
            Assert.Equal(members.Where(m => m.AuthorGroup is not null).Select(m => m.AuthorGroup!).Distinct().Order(StringComparer.Ordinal),
                group.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("code").GetString()));
            Assert.Equal($"/v1/questions/{id}/similar", group.GetProperty("similar").GetString());
            Assert.InRange(group.GetProperty("minSimilarity").GetDouble(), TwinQueries.Threshold, 1);
        }
    }

    [Fact]
    public async Task Twin_groups_filter_by_ministry_period_and_size_and_count_the_political_groups_that_carry_them()
    {
        var ministry = await fixture.Database.ScalarAsync<long>("""
            SELECT m FROM opendata.twin_members t JOIN opendata.questions q ON q.id = t.question_id, unnest(q.ministry_ids) m
            GROUP BY m ORDER BY count(DISTINCT t.group_id) DESC, m LIMIT 1
            """);
        var (from, to) = ("2022-01-01", "2025-12-31");
        var cases = new (string Query, string Sql)[]
        {
            ($"ministry={ministry}", $"bool_or({ministry} = ANY(q.ministry_ids))"),
            ("minSize=3", "count(*) >= 3"),
            ($"publishedFrom={from}&publishedTo={to}", $"min(q.published_at) BETWEEN '{from}' AND '{to}'"),
            ($"ministry={ministry}&minSize=3", $"bool_or({ministry} = ANY(q.ministry_ids)) AND count(*) >= 3"),
        };
        foreach (var (query, having) in cases)
        {
            var expected = await fixture.Database.QueryAsync<string>($"""
                SELECT t.group_id FROM opendata.twin_members t JOIN opendata.questions q ON q.id = t.question_id
                GROUP BY t.group_id HAVING {having} ORDER BY 1
                """);
            Assert.True(expected.Count > 0, $"{query} selects no group");
            var groups = await fixture.Client.WalkAsync("/v1/twins", query, 2, "id");
            Assert.Equal(expected, groups.Select(g => g.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));

            var facets = (await fixture.Client.GetJsonAsync($"/v1/twins?{query}&facets=group")).GetProperty("meta").GetProperty("facets").GetProperty("group");
            var carried = await fixture.Database.QueryAsync<(string Code, long Count)>($"""
                SELECT q.author_group, count(DISTINCT t.group_id) FROM opendata.twin_members t JOIN opendata.questions q ON q.id = t.question_id
                WHERE t.group_id = ANY(@groups) AND q.author_group IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1
                """, new { groups = expected.ToArray() });
            Assert.Equal(carried.Select(c => (c.Code, c.Count)), facets.EnumerateArray().Select(f => (f.GetProperty("id").GetString()!, f.GetProperty("count").GetInt64())));
        }
        await fixture.Client.AssertProblemAsync("/v1/twins?minSize=1", HttpStatusCode.BadRequest, "minSize");
        await fixture.Client.AssertProblemAsync("/v1/twins?facets=senator", HttpStatusCode.BadRequest, "facets");
        await fixture.Client.AssertProblemAsync("/v1/twins?publishedFrom=2024-13-01", HttpStatusCode.BadRequest, "publishedFrom");
        await fixture.Client.AssertProblemAsync("/v1/twins?ministry=abc", HttpStatusCode.BadRequest, "ministry");
    }
}
