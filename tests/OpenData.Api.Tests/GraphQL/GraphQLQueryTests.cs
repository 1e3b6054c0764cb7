using System.Globalization;
using System.Text.Json.Nodes;

namespace OpenData.Api.Tests.GraphQL;

/// <summary>What the schema answers, checked against independent SQL and against REST.</summary>
[Collection(GraphQLCollection.Name)]
public sealed class GraphQLQueryTests(GraphQLFixture fixture)
{
    [Fact]
    public async Task A_question_by_id_answers_exactly_what_the_database_holds()
    {
        var id = await fixture.Database.ScalarAsync<string>(
            "SELECT q.id FROM opendata.questions q JOIN opendata.answers a ON a.question_id = q.id JOIN opendata.senators s ON s.id = q.author_id WHERE q.ministry_id IS NOT NULL ORDER BY q.id LIMIT 1");
        var row = (await fixture.Database.QueryAsync<(string Number, string Status, string Nature, DateTime Published, string Author, string AuthorName, long Ministry, DateTime Answered)>(
            $"SELECT q.number, q.status, q.nature_code, q.published_at, q.author_id, s.name, q.ministry_id, a.published_at FROM opendata.questions q JOIN opendata.answers a ON a.question_id = q.id JOIN opendata.senators s ON s.id = q.author_id WHERE q.id = '{id}'")).Single();

        var data = await fixture.DataAsync("""
            query One($id: ID!) {
              question(id: $id) { id number status nature { code } publishedAt author { id name } ministry { id } answer { questionId publishedAt question { id } } }
            }
            """, new { id });

        var expected = new JsonObject
        {
            ["question"] = new JsonObject
            {
                ["id"] = id, ["number"] = row.Number, ["status"] = row.Status.ToUpperInvariant(), ["nature"] = new JsonObject { ["code"] = row.Nature },
                ["publishedAt"] = row.Published.ToString("yyyy-MM-dd"), ["author"] = new JsonObject { ["id"] = row.Author, ["name"] = row.AuthorName },
                ["ministry"] = new JsonObject { ["id"] = row.Ministry.ToString(CultureInfo.InvariantCulture) }, // an ID: a string
                ["answer"] = new JsonObject { ["questionId"] = id, ["publishedAt"] = row.Answered.ToString("yyyy-MM-dd"), ["question"] = new JsonObject { ["id"] = id } },
            },
        };
        Assert.Equal(expected.ToJsonString(), data.ToJsonString());
    }

    [Fact]
    public async Task Highlights_are_made_when_the_query_reads_them_even_through_fragments()
    {
        foreach (var query in new[]
        {
            "{ questions(filter: { q: \"désertification\" }, first: 3) { nodes { id highlight } } }",
            "{ questions(filter: { q: \"désertification\" }, first: 3) { edges { node { ...Excerpt } } } } fragment Excerpt on Question { id highlight }",
            "{ questions(filter: { q: \"désertification\" }, first: 3) { nodes { ... on Question { highlight } } } }",
        })
        {
            var nodes = (await fixture.DataAsync(query))["questions"]!.AsObject().Single().Value!.AsArray();
            Assert.Equal(3, nodes.Count);
            foreach (var node in nodes)
                Assert.Contains("<mark>", ((node!["node"] ?? node)!["highlight"])!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Page_info_is_relays_complete_one()
    {
        var first = (await fixture.DataAsync("{ questions(first: 3) { edges { cursor } pageInfo { hasPreviousPage hasNextPage startCursor endCursor } } }"))["questions"]!;
        var edges = first["edges"]!.AsArray().Select(e => e!["cursor"]!.GetValue<string>()).ToList();
        Assert.False(first["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
        Assert.Equal(edges[0], first["pageInfo"]!["startCursor"]!.GetValue<string>());
        Assert.Equal(edges[^1], first["pageInfo"]!["endCursor"]!.GetValue<string>());

        var next = (await fixture.DataAsync("query($after: String) { questions(first: 2, after: $after) { edges { cursor } pageInfo { hasPreviousPage startCursor } } }", new { after = edges[^1] }))["questions"]!;
        Assert.True(next["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
        Assert.Equal(next["edges"]![0]!["cursor"]!.GetValue<string>(), next["pageInfo"]!["startCursor"]!.GetValue<string>());

        var empty = (await fixture.DataAsync("{ questions(first: 0) { pageInfo { hasPreviousPage startCursor } } }"))["questions"]!;
        Assert.Null(empty["pageInfo"]!["startCursor"]);
    }

    [Fact]
    public async Task An_unknown_id_is_null_not_an_error()
    {
        var data = await fixture.DataAsync("""{ question(id: "NOPE") { id } senator(id: "NOPE") { id } ministry(id: -1) { id } }""");
        Assert.Equal("""{"question":null,"senator":null,"ministry":null}""", data.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(QuestionFilterCases.GraphQL), MemberType = typeof(QuestionFilterCases))]
    public async Task Each_filter_counts_what_sql_counts(string filter, string condition)
    {
        (filter, condition) = await QuestionFilterCases.FillAsync(fixture.Database, filter, condition);

        var expected = await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM opendata.questions WHERE {condition}");
        var data = await fixture.DataAsync($"{{ questions(filter: {filter}, first: 0) {{ totalCount }} }}");

        Assert.True(expected > 0, $"no question for {condition}: the test would prove nothing");
        Assert.Equal(expected, data["questions"]!["totalCount"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("PUBLISHED_AT_DESC", "published_at DESC, id DESC")]
    [InlineData("PUBLISHED_AT", "published_at ASC, id ASC")]
    [InlineData("ANSWERED_AT_DESC", "answered_at DESC NULLS LAST, id DESC")]
    [InlineData("ANSWER_DELAY_DAYS", "answer_delay_days ASC NULLS LAST, id ASC")]
    [InlineData("ANSWER_DELAY_DAYS_DESC", "answer_delay_days DESC NULLS LAST, id DESC")]
    public async Task Each_order_walks_like_sql_with_edge_cursors(string orderBy, string sql)
    {
        var expected = await fixture.Database.QueryAsync<string>($"SELECT id FROM opendata.questions WHERE legislature = 17 ORDER BY {sql}");
        var walked = new List<string>();
        string? after = null;
        do
        {
            var page = (await fixture.DataAsync($$"""
                query Walk($after: String) { questions(filter: { legislature: 17 }, orderBy: {{orderBy}}, first: 100, after: $after) {
                  edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }
                """, new { after }))["questions"]!;
            var edges = page["edges"]!.AsArray();
            walked.AddRange(edges.Select(e => e!["node"]!["id"]!.GetValue<string>()));
            after = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? page["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
            if (after is not null) Assert.Equal(after, edges[^1]!["cursor"]!.GetValue<string>());
        } while (after is not null);
        Assert.Equal(expected, walked);
    }

    [Fact]
    public async Task An_edge_cursor_resumes_right_after_its_row()
    {
        var all = (await fixture.DataAsync("{ questions(first: 10) { edges { cursor node { id } } } }"))["questions"]!["edges"]!.AsArray();
        var resumed = (await fixture.DataAsync("query($a: String) { questions(first: 3, after: $a) { nodes { id } } }", new { a = all[4]!["cursor"]!.GetValue<string>() }))["questions"]!["nodes"]!.AsArray();
        Assert.Equal(all.Skip(5).Take(3).Select(e => e!["node"]!["id"]!.GetValue<string>()), resumed.Select(n => n!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_connection_walk_equals_the_rest_list_for_the_same_filter()
    {
        var rest = (await fixture.Client.WalkAsync("/v1/questions", "status=answered&nature=QE", 200, "id")).Select(q => q.GetProperty("id").GetString()!).ToList();
        var graph = new List<string>();
        string? after = null;
        do
        {
            var page = (await fixture.DataAsync("query($after: String) { questions(filter: { status: [ANSWERED], nature: [QE] }, first: 100, after: $after) { nodes { id } pageInfo { endCursor } } }",
                new { after }))["questions"]!;
            graph.AddRange(page["nodes"]!.AsArray().Select(q => q!["id"]!.GetValue<string>()));
            after = page["pageInfo"]!["endCursor"]?.GetValue<string>();
        } while (after is not null);
        Assert.True(rest.Count > 100);
        Assert.Equal(rest, graph);
    }

    [Fact]
    public async Task A_pages_start_and_end_cursors_are_its_edges_and_are_made_for_those_rows_only()
    {
        const string withEdges = "{ questions(first: 50) { edges { cursor } pageInfo { startCursor endCursor } } }";
        const string withoutEdges = "{ questions(first: 50) { pageInfo { startCursor endCursor } nodes { id } } }";
        var edges = (await fixture.DataAsync(withEdges))["questions"]!;
        var page = (await fixture.DataAsync(withoutEdges))["questions"]!;
        var cursors = edges["edges"]!.AsArray().Select(e => e!["cursor"]!.GetValue<string>()).ToList();
        Assert.Equal(50, cursors.Count);
        foreach (var info in new[] { edges["pageInfo"]!, page["pageInfo"]! })
        {
            Assert.Equal(cursors[0], info["startCursor"]!.GetValue<string>());
            Assert.Equal(cursors[^1], info["endCursor"]!.GetValue<string>());
        }
        // Each of the page's 51 rows gets a cursor column only when its edges show them; else the two are made from the
        // keys of the two rows (a cursor column cost a page of 100 40 % of its statement's time).
        Assert.Contains(" AS cursor", fixture.CompiledSql(withEdges));
        Assert.DoesNotContain(" AS cursor", fixture.CompiledSql(withoutEdges));
    }

    [Fact]
    public async Task Ministry_lineage_links_both_ways()
    {
        var id = await fixture.Database.ScalarAsync<long>("SELECT id FROM opendata.ministries WHERE cardinality(predecessor_ids) > 0 AND successor_id IS NULL ORDER BY id LIMIT 1");
        var predecessors = await fixture.Database.QueryAsync<long>($"SELECT unnest(predecessor_ids) FROM opendata.ministries WHERE id = {id}");
        var lineageCount = await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM opendata.questions WHERE ministry_ids && (SELECT lineage_ids FROM opendata.ministries WHERE id = {id})");

        var ministry = (await fixture.DataAsync("""
            query($id: ID!) { ministry(id: $id) { id predecessorIds predecessors { id successor { id } } questions(filter: { lineage: true }, first: 0) { totalCount } } }
            """, new { id }))["ministry"]!;

        // Ministry ids are IDs: strings in answers, an integer or a string in arguments.
        static long Id(JsonNode? node) => long.Parse(node!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.Equal(id, Id(ministry["id"]));
        Assert.Equal(predecessors.OrderBy(p => p), ministry["predecessorIds"]!.AsArray().Select(Id).OrderBy(p => p));
        Assert.Equal(predecessors.OrderBy(p => p), ministry["predecessors"]!.AsArray().Select(p => Id(p!["id"])).OrderBy(p => p));
        Assert.All(ministry["predecessors"]!.AsArray(), p => Assert.Equal(id, Id(p!["successor"]!["id"])));
        Assert.Equal(lineageCount, ministry["questions"]!["totalCount"]!.GetValue<long>());
    }

    [Fact]
    public async Task Node_finds_questions_senators_and_ministries_by_their_global_ids()
    {
        var question = await fixture.Database.ScalarAsync<string>("SELECT id FROM opendata.questions ORDER BY id LIMIT 1");
        var senator = await fixture.Database.ScalarAsync<string>("SELECT id FROM opendata.senators ORDER BY id LIMIT 1");
        var ministry = await fixture.Database.ScalarAsync<long>("SELECT id FROM opendata.ministries ORDER BY id LIMIT 1");
        var title = await fixture.Database.ScalarAsync<string>($"SELECT title FROM opendata.questions WHERE id = '{question}'");
        var name = await fixture.Database.ScalarAsync<string>($"SELECT name FROM opendata.ministries WHERE id = {ministry}");

        var data = await fixture.DataAsync("""
            query($q: ID!, $ids: [ID!]!) {
              q: node(id: $q) { __typename id ... on Question { title } }
              lower: node(id: "{{LOWER}}") { id }
              none: node(id: "not-an-id") { id }
              nodes(ids: $ids) { __typename ...Named ... on Node { id } }
            }
            fragment Named on Ministry { name }
            """.Replace("{{LOWER}}", question.ToLowerInvariant()), new { q = question, ids = new[] { senator, ministry.ToString(CultureInfo.InvariantCulture), "SEQ000000000", question } });

        Assert.Equal(new JsonObject { ["__typename"] = "Question", ["id"] = question, ["title"] = title }.ToJsonString(), data["q"]!.ToJsonString());
        Assert.Equal(question, data["lower"]!["id"]!.GetValue<string>()); // the canonical id, whatever the case asked
        Assert.Null(data["none"]);
        var nodes = data["nodes"]!.AsArray();
        Assert.Equal(4, nodes.Count);
        Assert.Equal(new JsonObject { ["__typename"] = "Senator", ["id"] = senator }.ToJsonString(), nodes[0]!.ToJsonString());
        Assert.Equal(new JsonObject { ["__typename"] = "Ministry", ["name"] = name, ["id"] = ministry.ToString(CultureInfo.InvariantCulture) }.ToJsonString(), nodes[1]!.ToJsonString());
        Assert.Null(nodes[2]); // names nothing
        Assert.Equal(question, nodes[3]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Nodes_takes_at_most_a_page_of_ids()
    {
        var ids = string.Join(", ", Enumerable.Range(0, 101).Select(i => $"\"{i}\""));
        using var response = await fixture.PostAsync($"{{ nodes(ids: [{ids}]) {{ id }} }}");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("BAD_USER_INPUT", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("nodes takes at most 100 ids", body["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Null(body["data"]);
    }

    [Fact]
    public async Task Reminders_link_both_ways_and_shared_answers_list_their_questions()
    {
        var reminder = await fixture.Database.ScalarAsync<string>("SELECT id FROM opendata.questions WHERE reminds_question_id IS NOT NULL ORDER BY id LIMIT 1");
        var reminded = await fixture.Database.ScalarAsync<string>($"SELECT reminds_question_id FROM opendata.questions WHERE id = '{reminder}'");
        var data = await fixture.DataAsync("query($id: ID!) { question(id: $id) { remindsQuestionId remindsQuestion { id reminders { id } } } }", new { id = reminder });
        Assert.Equal(reminded, data["question"]!["remindsQuestion"]!["id"]!.GetValue<string>());
        Assert.Contains(reminder, data["question"]!["remindsQuestion"]!["reminders"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()));

        var common = await fixture.Database.ScalarAsync<string>("SELECT question_id FROM opendata.answers WHERE cardinality(shared_with) > 0 ORDER BY question_id LIMIT 1");
        var shared = await fixture.Database.QueryAsync<string>($"SELECT unnest(shared_with) FROM opendata.answers WHERE question_id = '{common}'");
        var answer = (await fixture.DataAsync("query($id: ID!) { question(id: $id) { answer { sharedWithIds sharedWith { id } } } }", new { id = common }))["question"]!["answer"]!;
        Assert.Equal(shared, answer["sharedWith"]!.AsArray().Select(q => q!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Senator_questions_are_theirs_and_lists_match_rest_totals()
    {
        var author = await fixture.Database.ScalarAsync<string>("SELECT author_id FROM opendata.questions q JOIN opendata.senators s ON s.id = q.author_id GROUP BY author_id ORDER BY count(*) DESC, author_id LIMIT 1");
        var count = await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM opendata.questions WHERE author_id = '{author}'");
        var data = await fixture.DataAsync("""
            query($id: ID!) { senator(id: $id) { questions(first: 100) { totalCount nodes { author { id } } } }
              answers(first: 0) { totalCount } senators(first: 0) { totalCount } ministries(first: 0) { totalCount } }
            """, new { id = author });
        Assert.Equal(count, data["senator"]!["questions"]!["totalCount"]!.GetValue<long>());
        Assert.All(data["senator"]!["questions"]!["nodes"]!.AsArray(), q => Assert.Equal(author, q!["author"]!["id"]!.GetValue<string>()));
        Assert.Equal(await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM opendata.answers"), data["answers"]!["totalCount"]!.GetValue<long>());
        Assert.Equal(await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM opendata.senators"), data["senators"]!["totalCount"]!.GetValue<long>());
        Assert.Equal(await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM opendata.ministries"), data["ministries"]!["totalCount"]!.GetValue<long>());
    }

    [Fact]
    public async Task Every_example_query_of_the_ide_runs_without_errors()
    {
        foreach (var example in OpenData.Api.GraphQL.Ide.IdeExamples.All)
        {
            var variables = example.Variables is null ? null : JsonNode.Parse(example.Variables);
            using var response = await fixture.PostAsync(example.Query, variables);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.True(body["errors"] is null, $"{example.Name}: {body.ToJsonString()}");
        }
    }
}
