namespace OpenData.Api.Tests.GraphQL;

/// <summary>Related objects are batched: the SQL round trips of a page do not grow with its size.</summary>
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
              author { id name }
              ministry { id name }
              answer { publishedAt ministry { name } }
            }
          }
        }
        """;

    [Fact]
    public async Task A_page_of_100_questions_with_author_ministry_answer_and_themes_costs_as_many_round_trips_as_a_page_of_10()
    {
        await fixture.DataAsync(Page, new { first = 1 }); // warm up: connections, schema

        fixture.Statements.Clear();
        var ten = await fixture.CountSqlAsync(() => fixture.DataAsync(Page, new { first = 10 }));
        var hundred = await fixture.CountSqlAsync(() => fixture.DataAsync(Page, new { first = 100 }));

        // Page rows and count in one command, then one batch per level and kind: themes, senators, ministries,
        // answers, and one level deeper the answering ministries.
        Assert.True(ten == 6, string.Join("\n", fixture.Statements));
        Assert.Equal(ten, hundred);
    }

    [Fact]
    public async Task Nested_lineage_and_reminders_are_batched_per_level()
    {
        const string query = """
            {
              ministries(first: 50) {
                nodes { id successor { id name } predecessors { id predecessors { id } } }
              }
              questions(first: 100) { nodes { id reminders { id } remindsQuestion { id } } }
            }
            """;
        var sql = await fixture.CountSqlAsync(() => fixture.DataAsync(query));
        // 2 pages x (rows + count), ministries by id for successors and predecessors together, then their
        // predecessors, reminders, reminded questions.
        Assert.InRange(sql, 4, 8);
    }
}
