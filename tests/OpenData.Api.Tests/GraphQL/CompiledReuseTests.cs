using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpenData.Api.GraphQL.Http;

namespace OpenData.Api.Tests.GraphQL;

/// <summary>
/// A query sent again on the same dataset runs the statements compiled for it the first time, unless they counted a total
/// (remembered once read, and bound by the next compilation): the same answer and the same price, not compiled again.
/// </summary>
[Collection(GraphQLCollection.Name)]
public sealed class CompiledReuseTests(GraphQLFixture fixture)
{
    [Fact]
    public async Task A_query_sent_again_runs_its_compiled_statements_with_the_same_answer_and_price()
    {
        // A filter of its own (no other test counts this total), a total, nested rows and an alias bound as a value.
        const string query = """{ questions(first: 3, filter: {publishedFrom: "2011-03-17", nature: [QE]}) { totalCount nodes { id t: title author { name } } } }""";
        var plans = fixture.Services.GetRequiredService<QueryPlans>();
        var key = QueryPlans.Key(query, null, null);

        var counted = await fixture.BodyAsync(query);
        Assert.True(plans.TryGet(key, out var plan), "the query's plan is kept");
        Assert.Null(plan.Compiled); // its statement counted the total: not kept

        var bound = await fixture.BodyAsync(query);
        var compiled = plan.Compiled;
        Assert.NotNull(compiled); // the total bound as a value: kept for the dataset's version
        var run = await fixture.CountSqlAsync(async () => Assert.Equal(bound.ToJsonString(), (await fixture.BodyAsync(query)).ToJsonString()));
        Assert.Same(compiled, plan.Compiled); // run as compiled, not compiled again
        Assert.Equal(1, run);

        Assert.Equal(counted["data"]!.ToJsonString(), bound["data"]!.ToJsonString());
        Assert.True(counted["extensions"]!["cost"]!["requested"]!.GetValue<long>() > bound["extensions"]!["cost"]!["requested"]!.GetValue<long>(),
            "counting the total is priced, a remembered one is not");
    }
}
