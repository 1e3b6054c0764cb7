using System.Text.Json.Nodes;

namespace OpenData.Api.Tests.GraphQL;

/// <summary>
/// A question holds the id and name of its author and of the ministries it refers to, and its answer's date, delay and
/// ministry, and says whether the senators, ministries and answers tables hold those rows (migration 0019): asked for
/// nothing else, they are read from the question, with the values and nulls the rows looked up would give, and priced
/// without the lookups.
/// </summary>
[Collection(GraphQLCollection.Name)]
public sealed class ReferencedRowsTests(GraphQLFixture fixture)
{
    private const string FromTheQuestion = "author { id name } ministry { id name } answeredBy { id name } transfer { ministry { id name } } answer { publishedAt delayDays questionId ministry { id name } }";

    // The same fields and one that only the row has: each object is looked up.
    private const string LookedUp = "author { id name active } ministry { id name current } answeredBy { id name current } transfer { ministry { id name current } } answer { publishedAt delayDays questionId journalPage ministry { id name current } }";

    [Theory]
    [InlineData("ANSWERED_AT_DESC")] // answered and transferred questions
    [InlineData("PUBLISHED_AT_DESC")] // the newest: most awaiting an answer
    public async Task A_ministrys_name_and_an_answers_date_read_from_the_question_are_those_of_the_rows_looked_up(string order)
    {
        var (read, readSql) = await CompiledAsync($"{{ questions(first: 100, orderBy: {order}) {{ nodes {{ id {FromTheQuestion} }} }} }}");
        var (looked, lookedSql) = await CompiledAsync($"{{ questions(first: 100, orderBy: {order}) {{ nodes {{ id {LookedUp} }} }} }}");
        Assert.DoesNotContain("opendata.ministries", readSql);
        Assert.DoesNotContain("opendata.answers", readSql);
        Assert.DoesNotContain("opendata.senators", readSql);
        Assert.Contains("opendata.senators", lookedSql);
        Assert.Contains("opendata.ministries", lookedSql);
        Assert.Contains("opendata.answers", lookedSql);

        var nodes = read["data"]!["questions"]!["nodes"]!.AsArray();
        Assert.Equal(100, nodes.Count);
        Assert.Equal(Trimmed(looked["data"]!).ToJsonString(), read["data"]!.ToJsonString());
        // Both kinds of value are there: ministries and answers, and questions without an answer.
        Assert.Contains(nodes, n => n!["answer"] is not null && n["ministry"]!["name"] is not null);
        if (order == "ANSWERED_AT_DESC") Assert.Contains(nodes, n => n!["transfer"] is not null);
        else Assert.Contains(nodes, n => n!["answer"] is null);

        Assert.True(Price(read) < Price(looked), $"read from the question: {Price(read)}, looked up: {Price(looked)}");
    }

    [Fact]
    public async Task An_answers_ministry_is_read_from_the_answer()
    {
        var (read, readSql) = await CompiledAsync("{ answers(first: 100) { nodes { questionId ministry { id name } } } }");
        var (looked, lookedSql) = await CompiledAsync("{ answers(first: 100) { nodes { questionId ministry { id name current } } } }");
        Assert.DoesNotContain("opendata.ministries", readSql);
        Assert.Contains("opendata.ministries", lookedSql);
        var lookedNodes = looked["data"]!["answers"]!["nodes"]!.AsArray();
        foreach (var node in lookedNodes) node!["ministry"]?.AsObject().Remove("current");
        Assert.Equal(looked["data"]!.ToJsonString(), read["data"]!.ToJsonString());
        Assert.Contains(lookedNodes, n => n!["ministry"] is not null);
    }

    [Fact]
    public async Task Any_other_field_of_the_ministry_or_the_answer_is_looked_up()
    {
        var data = await fixture.DataAsync("{ questions(first: 20, orderBy: ANSWERED_AT_DESC) { nodes { ministry { name fullName } answer { publishedAt text } } } }");
        Assert.All(data["questions"]!["nodes"]!.AsArray(), n =>
        {
            Assert.False(string.IsNullOrEmpty(n!["answer"]!["text"]!.GetValue<string>()));
            Assert.True(n["ministry"]!.AsObject().ContainsKey("fullName"));
        });
    }

    /// <summary>The looked-up answer without the field only the row has.</summary>
    private static JsonNode Trimmed(JsonNode data)
    {
        var copy = data.DeepClone();
        foreach (var node in copy["questions"]!["nodes"]!.AsArray())
        {
            foreach (var ministry in new[] { node!["ministry"], node["answeredBy"], node["transfer"]?["ministry"] })
                ministry?.AsObject().Remove("current");
            node["answer"]?.AsObject().Remove("journalPage");
            node["answer"]?["ministry"]?.AsObject().Remove("current");
            node["author"]?.AsObject().Remove("active");
        }
        return copy;
    }

    /// <summary>The answer to a query and the statement it was compiled to (kept by its plan when sent again).</summary>
    private async Task<(JsonNode Body, string Sql)> CompiledAsync(string query)
    {
        var body = await fixture.BodyAsync(query);
        Assert.Equal(body.ToJsonString(), (await fixture.BodyAsync(query)).ToJsonString());
        return (body, fixture.CompiledSql(query));
    }

    private static long Price(JsonNode body) => body["extensions"]!["cost"]!["requested"]!.GetValue<long>();
}
