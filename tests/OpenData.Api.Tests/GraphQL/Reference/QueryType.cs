using Microsoft.Extensions.DependencyInjection;
using OpenData.Api.GraphQL.Types;
using GraphQL;
using GraphQL.Types;
using OpenData.Api.GraphQL.Inputs;
using OpenData.Data.Answers;
using OpenData.Data.Datasets;
using OpenData.Data.Ministries;
using OpenData.Data.Paging;
using OpenData.Data.Questions;
using OpenData.Data.Reference;
using OpenData.Data.Senators;
using OpenData.Data.Stats;

namespace OpenData.Api.Tests.GraphQL.Reference;

/// <summary>The root fields: one per REST resource and list, over the same query layer.</summary>
public sealed class QueryType : ObjectGraphType
{
    public QueryType()
    {
        Name = "Query";
        Description = "The French Senate's questions to the government, their answers, the senators who asked them and the ministries they were addressed to.";

        Field<QuestionType>("question").Description("One question by id, or null.")
            .Argument<NonNullGraphType<CheckedIdGraphType>>("id", "The Senate's reference, e.g. SEQ240611950.")
            .Resolve(c => c.RequestServices!.GetRequiredService<QuestionLoader>().Load(c.GetArgument<string>("id")));
        QuestionArguments.AddTo(Field<NonNullGraphType<QuestionConnectionType>>("questions")
                .Description("Search and list questions (REST: /v1/questions)."))
            .ResolveAsync(async c => await QuestionArguments.PageAsync(c));

        Field<NonNullGraphType<AnswerConnectionType>>("answers").Description("Search and list answers (REST: /v1/answers).")
            .Argument<AnswerFilterInput>("filter", "Filters, combined with AND.")
            .Argument<AnswerOrderEnum>("orderBy", "Order (default PUBLISHED_AT_DESC, newest first).", a => a.DefaultValue = AnswerSort.PublishedDesc)
            .WithPaging()
            .ResolveAsync(async c => await AnswersAsync(c));

        Field<SenatorType>("senator").Description("One senator by matricule, or null.")
            .Argument<NonNullGraphType<CheckedIdGraphType>>("id", "The Senate's matricule, e.g. 08037L.")
            .Resolve(c => c.RequestServices!.GetRequiredService<SenatorLoader>().Load(c.GetArgument<string>("id")));
        Field<NonNullGraphType<SenatorConnectionType>>("senators").Description("List senators by name (REST: /v1/senators).")
            .Argument<SenatorFilterInput>("filter", "Filters, combined with AND.")
            .WithPaging()
            .ResolveAsync(async c => await SenatorsAsync(c));

        Field<MinistryType>("ministry").Description("One ministry by id (minid), or null.")
            .Argument<NonNullGraphType<CheckedIdGraphType>>("id", "The Senate's ministry id (digits, e.g. 1019).")
            .Resolve(c => long.TryParse(c.GetArgument<string>("id"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
                ? c.RequestServices!.GetRequiredService<MinistryLoader>().Load(id) : null);
        Field<NonNullGraphType<MinistryConnectionType>>("ministries").Description("List ministries, latest first (REST: /v1/ministries).")
            .Argument<MinistryFilterInput>("filter", "Filters, combined with AND.")
            .WithPaging()
            .ResolveAsync(async c => await MinistriesAsync(c));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ThemeType>>>>("themes").Description("Every theme, in the Senate's order.")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<ReferenceQueries>().ThemesAsync(c.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PoliticalGroupType>>>>("groups").Description("Every political group met in the dataset, by code.")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<ReferenceQueries>().GroupsAsync(c.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LegislatureType>>>>("legislatures").Description("Every legislature, latest first.")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<ReferenceQueries>().LegislaturesAsync(c.CancellationToken));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MinistryStatsType>>>>("ministryStats")
            .Description("Per ministry handling the questions, how they were answered; most questions first (REST: /v1/stats/ministries).")
            .Argument<MinistryStatsFilterInput>("filter", "Filters, combined with AND.")
            .ResolveAsync(async c => await MinistryStatsAsync(c));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TimelineBucketType>>>>("timeline")
            .Description("Questions published and answered per period, empty periods included (REST: /v1/stats/timeline).")
            .Argument<QuestionFilterInput>("filter", "Question filters, combined with AND.")
            .Argument<TimelineIntervalEnum>("interval", "Period length (default MONTH).", a => a.DefaultValue = StatsInterval.Month)
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<StatsQueries>().TimelineAsync(
                c.GetArgument<QuestionFilter?>("filter") ?? new QuestionFilter(), c.GetArgument("interval", StatsInterval.Month), OpenData.Data.Datasets.ListBounds.Unknown, c.CancellationToken));

        DeclaredObjectType.Add<TwinGroupConnectionType>(this, Root("twins")).Resolver =
            new global::GraphQL.Resolvers.FuncFieldResolver<object?>(async c => await TwinReads.GroupsAsync(c));

        var (node, nodes) = (DeclaredObjectType.Add<ReferenceNode>(this, Root("node")), DeclaredObjectType.Add<ReferenceNode>(this, Root("nodes")));
        node.Resolver = new global::GraphQL.Resolvers.FuncFieldResolver<object?>(async c => await ReferenceNode.LoadAsync(c, c.GetArgument<string>("id")));
        nodes.Resolver = new global::GraphQL.Resolvers.FuncFieldResolver<object?>(async c =>
        {
            var ids = c.GetArgument<List<string>>("ids");
            if (ids.Count > Paging.MaxFirst) throw new ExecutionError($"nodes takes at most {Paging.MaxFirst} ids") { Code = "BAD_USER_INPUT" };
            var found = new List<object?>();
            foreach (var id in ids) found.Add(await ReferenceNode.LoadAsync(c, id));
            return found;
        });
        Field<DatasetType>("dataset").Description("The dataset being served (REST: /v1/dataset); null before the first import.")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<DatasetQueries>().GetCurrentAsync(c.CancellationToken));
        DeclaredObjectType.Add<ChangeFeedType>(this, Root("changes")).Resolver = new global::GraphQL.Resolvers.FuncFieldResolver<object?>(async c =>
        {
            var (since, after) = (c.GetArgument<string?>("since"), c.GetArgument<string?>("after"));
            if (since is not null && after is not null)
                throw new ExecutionError("give after or since (its former name), not both") { Code = "BAD_USER_INPUT" };
            since ??= after;
            if (since is not null && !OpenData.Data.Changes.ChangeQueries.BySeq.Accepts(since))
                throw new ExecutionError("after is not a cursor of the change feed: take it from nextCursor, pageInfo.endCursor or an edge's cursor") { Code = "INVALID_CURSOR" };
            var types = c.GetArgument<List<string>?>("types")?.Distinct().ToList() ?? [];
            var first = c.GetArgument("first", 20);
            var page = await c.RequestServices!.GetRequiredService<OpenData.Data.Changes.ChangeQueries>().PageAsync(since, types, first, c.CancellationToken);
            // As every connection: endCursor only when a page follows.
            return new ChangeFeed(
                page.Items.Select(i => new Edge<object>(i.Cursor, new { i.Seq, At = OpenData.Data.Dates.Utc(i.At), i.Type, i.Id, i.Kind, i.Fields })).ToList(),
                new PageInfo(page.HasMore, page.HasMore && page.Items.Count > 0 ? page.Items[^1].Cursor : null), page.NextCursor);
        });
    }

    private static Task<Connection<AnswerRow>> AnswersAsync(IResolveFieldContext c)
    {
        var filter = c.GetArgument<AnswerFilter?>("filter") ?? new AnswerFilter();
        var sort = c.GetArgument("orderBy", AnswerSort.PublishedDesc);
        var queries = c.RequestServices!.GetRequiredService<AnswerQueries>();
        return Paging.First(c) == 0
            ? Paging.EmptyPageAsync<AnswerRow>(async () => (await queries.PageAsync(filter, sort, null, 1, c.CancellationToken)).Total)
            : Paging.PageAsync(() => queries.PageAsync(filter, sort, Paging.After(c), Paging.First(c), c.CancellationToken));
    }

    private static Task<Connection<SenatorRow>> SenatorsAsync(IResolveFieldContext c)
    {
        var filter = c.GetArgument<SenatorFilter?>("filter") ?? new SenatorFilter();
        var queries = c.RequestServices!.GetRequiredService<SenatorQueries>();
        return Paging.First(c) == 0
            ? Paging.EmptyPageAsync<SenatorRow>(async () => (await queries.PageAsync(filter, null, 1, c.CancellationToken)).Total)
            : Paging.PageAsync(() => queries.PageAsync(filter, Paging.After(c), Paging.First(c), c.CancellationToken));
    }

    private static Task<Connection<MinistryRow>> MinistriesAsync(IResolveFieldContext c)
    {
        var filter = c.GetArgument<MinistryFilter?>("filter") ?? new MinistryFilter();
        var queries = c.RequestServices!.GetRequiredService<MinistryQueries>();
        return Paging.First(c) == 0
            ? Paging.EmptyPageAsync<MinistryRow>(async () => (await queries.PageAsync(filter, null, 1, c.CancellationToken)).Total)
            : Paging.PageAsync(() => queries.PageAsync(filter, Paging.After(c), Paging.First(c), c.CancellationToken));
    }

    private static Task<IReadOnlyList<MinistryStatsRow>> MinistryStatsAsync(IResolveFieldContext c) =>
        c.RequestServices!.GetRequiredService<StatsQueries>().MinistryStatsAsync(c.GetArgument<StatsFilter?>("filter") ?? new StatsFilter(), c.CancellationToken);

    /// <summary>A root field as the data layer declares it (the schema's own QueryType is built from the same declarations).</summary>
    private static OpenData.Data.Graph.GraphField Root(string name) => OpenData.Data.Graph.GraphDeclarations.Query.Find(name)!;
}

/// <summary>A page of the change feed as the reference reads it.</summary>
public sealed record ChangeFeed(IReadOnlyList<Edge<object>> Edges, PageInfo PageInfo, string NextCursor);

/// <summary>The reference's change feed type: the production one's fields, over the reference's page info and edges.</summary>
public sealed class ChangeFeedType : ObjectGraphType<ChangeFeed>
{
    public ChangeFeedType()
    {
        Name = "ChangeFeed";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EdgeType<OpenData.Api.GraphQL.Types.ChangeType, object>>>>>("edges").Resolve(c => c.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OpenData.Api.GraphQL.Types.ChangeType>>>>("nodes").Resolve(c => c.Source.Edges.Select(e => e.Node).ToList());
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(c => c.Source.PageInfo);
        Field<NonNullGraphType<StringGraphType>>("nextCursor").Resolve(c => c.Source.NextCursor);
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Resolve(c => c.Source.PageInfo.HasNextPage);
    }

}
