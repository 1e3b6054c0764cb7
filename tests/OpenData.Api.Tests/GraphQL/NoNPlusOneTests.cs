using System.Text.Json.Nodes;

namespace OpenData.Api.Tests.GraphQL;

/// <summary>
/// A query is compiled into one statement per root field, sent in one command: nested lists cost nothing more
/// whatever the number of their parents, and every parent's totals, page info and cursors stay exact.
/// </summary>
[Collection(GraphQLCollection.Name)]
public sealed class NoNPlusOneTests(GraphQLFixture fixture)
{
    private const string Page = """
        query Page($first: Int!) {
          questions(first: $first, orderBy: PUBLISHED_AT) {
            totalCount
            nodes {
              id
              themes { id label }
              author { id name group { code } }
              ministry { id name }
              answer { publishedAt ministry { name } sharedWith { id } }
              reminders { id }
            }
          }
        }
        """;

    private const string SenatorsWithQuestions = """
        query Senators($first: Int!) {
          senators(first: $first) {
            nodes {
              id
              questions(first: 10, orderBy: PUBLISHED_AT_DESC) {
                totalCount
                pageInfo { hasNextPage endCursor }
                edges { cursor node { id answer { delayDays } } }
              }
            }
          }
        }
        """;

    [Theory]
    [InlineData(Page)]
    [InlineData(SenatorsWithQuestions)]
    [InlineData("query($first: Int!) { ministries(first: $first) { nodes { id predecessors { id predecessors { id } } successor { id } questions(first: 5) { totalCount nodes { id remindsQuestion { id } } } } } }")]
    public async Task One_parent_and_a_hundred_cost_one_command(string query)
    {
        await fixture.DataAsync(query, new { first = 1 }); // warm up: connections, schema
        var one = await fixture.CountSqlAsync(() => fixture.DataAsync(query, new { first = 1 }));
        var hundred = await fixture.CountSqlAsync(() => fixture.DataAsync(query, new { first = 100 }));
        Assert.Equal(1, one);
        Assert.Equal(1, hundred);
    }

    [Fact]
    public async Task Every_senators_totals_page_info_and_cursors_are_exact()
    {
        var data = await fixture.DataAsync(SenatorsWithQuestions, new { first = 100 });
        foreach (var senator in data["senators"]!["nodes"]!.AsArray())
        {
            var id = senator!["id"]!.GetValue<string>();
            var questions = senator["questions"]!;
            var ids = await fixture.Database.QueryAsync<string>($"SELECT id FROM opendata.questions WHERE author_id = '{id}' ORDER BY published_at DESC, id DESC");
            Assert.Equal(ids.Count, questions["totalCount"]!.GetValue<int>());
            var edges = questions["edges"]!.AsArray();
            Assert.Equal(ids.Take(10), edges.Select(e => e!["node"]!["id"]!.GetValue<string>()));
            Assert.Equal(ids.Count > 10, questions["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
            if (edges.Count == 0) continue;
            Assert.Equal(ids.Count > 10 ? edges[^1]!["cursor"]!.GetValue<string>() : null, questions["pageInfo"]!["endCursor"]?.GetValue<string>());

            // Each edge's cursor resumes right after its row, in the senator's list as in the root list of their questions.
            var cursor = edges[0]!["cursor"]!.GetValue<string>();
            var next = await fixture.DataAsync("""
                query($id: ID!, $after: String) {
                  senator(id: $id) { questions(first: 3, after: $after) { nodes { id } } }
                  questions(first: 3, after: $after, filter: { senator: $id }) { nodes { id } }
                }
                """, new { id, after = cursor });
            var expected = ids.Skip(1).Take(3).ToList();
            Assert.Equal(expected, next["senator"]!["questions"]!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()));
            Assert.Equal(expected, next["questions"]!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task Several_root_fields_are_one_command_too()
    {
        const string Query = """
            { dataset { version } themes { id } questions(first: 5) { nodes { id } } senators(first: 5) { totalCount } ministryStats { ministryId } timeline { period } }
            """;
        // The import's statistics are priced by the rows PostgreSQL's planner estimates for them, as REST's: asked once a
        // dataset (a command of its own before the query's, DatasetSession.EstimateAsync, remembered).
        Assert.InRange(await fixture.CountSqlAsync(() => fixture.DataAsync(Query)), 1, 2);
        Assert.Equal(1, await fixture.CountSqlAsync(() => fixture.DataAsync(Query)));
    }
}
