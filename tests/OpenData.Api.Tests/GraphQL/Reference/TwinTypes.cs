using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using OpenData.Api.GraphQL.Inputs;
using OpenData.Api.GraphQL.Types;
using OpenData.Data.Paging;
using OpenData.Data.Reading;
using OpenData.Data.Twins;

namespace OpenData.Api.Tests.GraphQL.Reference;

/// <summary>A question's similar questions and the twin groups, read through REST's query layer (TwinQueries).</summary>
public static class TwinReads
{
    public static async Task<Connection<SimilarQuestionRow>> SimilarAsync(IResolveFieldContext<OpenData.Data.Questions.QuestionRow> c)
    {
        var after = Paging.After(c);
        if (after is not null && !TwinQueries.IsSimilarCursor(after)) throw Paging.BadInput("after is not a cursor of this list and order: take it from pageInfo.endCursor or an edge's cursor", "INVALID_CURSOR");
        var session = c.RequestServices!.GetRequiredService<DatasetSession>();
        var twins = c.RequestServices!.GetRequiredService<TwinQueries>();
        var first = Paging.First(c);
        var batch = session.Batch();
        var page = await batch.RunAsync(twins.Similar(batch, c.Source.Id, after, Math.Max(first, 1)), c.CancellationToken);
        return first == 0 ? new([], page.Total, new PageInfo(false, null)) : ToConnection(page);
    }

    public static async Task<Connection<TwinGroupRow>> GroupsAsync(IResolveFieldContext c)
    {
        var filter = c.GetArgument<TwinFilter?>("filter") ?? new TwinFilter();
        foreach (var (field, problem) in filter.Broken()) throw Paging.BadInput($"filter.{field}: {problem}");
        var after = Paging.After(c);
        if (after is not null && !TwinQueries.IsGroupCursor(after)) throw Paging.BadInput("after is not a cursor of this list and order: take it from pageInfo.endCursor or an edge's cursor", "INVALID_CURSOR");
        var session = c.RequestServices!.GetRequiredService<DatasetSession>();
        var twins = c.RequestServices!.GetRequiredService<TwinQueries>();
        var first = Paging.First(c);
        var batch = session.Batch();
        var page = await batch.RunAsync(twins.Groups(batch, filter, after, Math.Max(first, 1)), c.CancellationToken);
        return first == 0 ? new([], page.Total, new PageInfo(false, null)) : ToConnection(page);
    }

    private static Connection<T> ToConnection<T>(Page<T> page) =>
        new([.. page.Items.Select((item, i) => new Edge<T>(page.Cursors[i], item))], page.Total, new PageInfo(page.NextCursor is not null, page.NextCursor));

    /// <summary>A similarity as the API writes it (four decimals, as stored).</summary>
    public static double Rounded(float similarity) => Math.Round(similarity, 4);
}

public sealed class SimilarQuestionEdgeType : ObjectGraphType<Edge<SimilarQuestionRow>>
{
    public SimilarQuestionEdgeType()
    {
        Name = "SimilarQuestionEdge";
        Description = "A question similar to another, with its cursor and how similar it is.";
        Field<StringGraphType>("cursor").Description("Opaque cursor: pass it as `after` to get the rows that follow this one.").Resolve(c => c.Source.Cursor);
        Field<NonNullGraphType<QuestionType>>("node").Description("The similar question.").Resolve(c => c.Source.Node);
        Field<NonNullGraphType<FloatGraphType>>("similarity").Description(TwinDocs.Similarity).Resolve(c => TwinReads.Rounded(c.Source.Node.Similarity));
    }
}

public sealed class SimilarQuestionConnectionType : ObjectGraphType<Connection<SimilarQuestionRow>>
{
    public SimilarQuestionConnectionType()
    {
        Name = "SimilarQuestionConnection";
        Description = "A page of the questions similar to a question, with their number.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SimilarQuestionEdgeType>>>>("edges").Description("The rows of this page, each with its cursor and similarity.").Resolve(c => c.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<QuestionType>>>>("nodes").Description("The rows of this page (shortcut for edges { node }).").Resolve(c => c.Source.Edges.Select(e => e.Node).ToList());
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Description("Whether another page follows and its cursor.").Resolve(c => c.Source.PageInfo);
        Field<NonNullGraphType<IntGraphType>>("totalCount").Description("The number of similar questions, all pages together.").Resolve(c => checked((int)c.Source.TotalCount));
    }
}

public sealed class TwinGroupType : ObjectGraphType<TwinGroupRow>
{
    public TwinGroupType()
    {
        Name = "TwinGroup";
        Description = TwinDocs.Group;
        Field<NonNullGraphType<IdGraphType>>("id").Description(TwinDocs.Id).Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IntGraphType>>("size").Description(TwinDocs.Size).Resolve(c => c.Source.Size);
        Field<NonNullGraphType<FloatGraphType>>("minSimilarity").Description(TwinDocs.MinSimilarity).Resolve(c => TwinReads.Rounded(c.Source.MinSimilarity));
        Field<NonNullGraphType<DateScalar>>("publishedFrom").Description(TwinDocs.PublishedFrom).Resolve(c => c.Source.PublishedFrom);
        Field<NonNullGraphType<DateScalar>>("publishedTo").Description(TwinDocs.PublishedTo).Resolve(c => c.Source.PublishedTo);
        Field<NonNullGraphType<QuestionType>>("earliest").Description(TwinDocs.Earliest)
            .Resolve(c => c.RequestServices!.GetRequiredService<QuestionLoader>().Load(c.Source.Id));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<QuestionType>>>>("questions").Description(TwinDocs.Questions)
            .Resolve(c => c.RequestServices!.GetRequiredService<QuestionLoader>().LoadMany(c.Source.QuestionIds));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SenatorType>>>>("senators").Description(TwinDocs.Senators)
            .Resolve(c => c.RequestServices!.GetRequiredService<SenatorLoader>().LoadMany(c.Source.SenatorIds));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PoliticalGroupType>>>>("groups").Description(TwinDocs.Groups)
            .Resolve(c => c.RequestServices!.GetRequiredService<GroupLoader>().LoadMany(c.Source.GroupCodes));
    }
}

public sealed class TwinGroupConnectionType() : ConnectionType<TwinGroupType, TwinGroupRow>("TwinGroup", "twin groups");
