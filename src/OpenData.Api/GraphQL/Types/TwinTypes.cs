using GraphQL.Types;
using OpenData.Api.Features.Twins;
using OpenData.Api.GraphQL.Inputs;
using OpenData.Data.Twins;

namespace OpenData.Api.GraphQL.Types;

/// <summary>The descriptions of the twin questions' types, stated once for the schema and the tests' reference executor.</summary>
public static class TwinDocs
{
    public static readonly string Similar = OpenData.Data.Graph.GraphDeclarations.Question.Find("similar")!.Description;
    public const string Similarity = "How near the question's text is to the other's, from 0 to 1 (1: the same words): the Jaccard similarity of their three-word shingles after the opening formula, the language of questions left out.";
    public const string Twins = "Groups of near-identical questions, the largest first (REST: /v1/twins).";
    public const string Group = "A group of near-identical questions, named by its earliest.";
    public const string Id = "The id of its earliest question (the group's name while that question stays the earliest).";
    public const string Size = "How many questions it holds.";
    public const string MinSimilarity = "The least similarity of the pairs of questions that join it.";
    public const string PublishedFrom = "The publication date of its earliest question.";
    public const string PublishedTo = "The publication date of its latest question.";
    public const string Earliest = "Its earliest question.";
    public const string Questions = "Its questions in publication order, the earliest first.";
    public const string Senators = "Its senators the senators file knows, in the order of their first question.";
    public const string Groups = "The political groups of its senators when they asked, by code (those the groups table lists).";
}

/// <summary>A question similar to another, with its similarity.</summary>
public sealed class SimilarQuestionEdgeType : ObjectGraphType
{
    public SimilarQuestionEdgeType()
    {
        Name = "SimilarQuestionEdge";
        Description = "A question similar to another, with its cursor and how similar it is.";
        Field<StringGraphType>("cursor").Description("Opaque cursor: pass it as `after` to get the rows that follow this one.");
        Field<NonNullGraphType<QuestionType>>("node").Description("The similar question.");
        Field<NonNullGraphType<FloatGraphType>>("similarity").Description(TwinDocs.Similarity);
    }
}

/// <summary>A page of a question's similar questions.</summary>
public sealed class SimilarQuestionConnectionType : ObjectGraphType
{
    public SimilarQuestionConnectionType()
    {
        Name = "SimilarQuestionConnection";
        Description = "A page of the questions similar to a question, with their number.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SimilarQuestionEdgeType>>>>("edges").Description("The rows of this page, each with its cursor and similarity.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<QuestionType>>>>("nodes").Description("The rows of this page (shortcut for edges { node }).");
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Description("Whether another page follows and its cursor.");
        Field<NonNullGraphType<IntGraphType>>("totalCount").Description("The number of similar questions, all pages together.");
    }
}

/// <summary>A group of twin questions.</summary>
public sealed class TwinGroupType : ObjectGraphType
{
    public TwinGroupType()
    {
        Name = "TwinGroup";
        Description = TwinDocs.Group;
        Field<NonNullGraphType<IdGraphType>>("id").Description(TwinDocs.Id);
        Field<NonNullGraphType<IntGraphType>>("size").Description(TwinDocs.Size);
        Field<NonNullGraphType<FloatGraphType>>("minSimilarity").Description(TwinDocs.MinSimilarity);
        Field<NonNullGraphType<DateScalar>>("publishedFrom").Description(TwinDocs.PublishedFrom);
        Field<NonNullGraphType<DateScalar>>("publishedTo").Description(TwinDocs.PublishedTo);
        Field<NonNullGraphType<QuestionType>>("earliest").Description(TwinDocs.Earliest);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<QuestionType>>>>("questions").Description(TwinDocs.Questions);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SenatorType>>>>("senators").Description(TwinDocs.Senators);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PoliticalGroupType>>>>("groups").Description(TwinDocs.Groups);
    }
}

/// <summary>A page of twin groups.</summary>
public sealed class TwinGroupConnectionType() : ConnectionType<TwinGroupType>("TwinGroup", "twin groups");

/// <summary>The filters of REST's /v1/twins.</summary>
public sealed class TwinFilterInput : ParameterInput<TwinFilter>
{
    public TwinFilterInput()
    {
        Name = "TwinFilter";
        Description = "Twin group filters, the same as REST's /v1/twins; every field is optional and they combine with AND.";
        Parameter<CheckedIdGraphType>(TwinsApi.Ministry);
        Parameter<DateScalar>(TwinsApi.PublishedFrom);
        Parameter<DateScalar>(TwinsApi.PublishedTo);
        Parameter<IntGraphType>(TwinsApi.MinSize);
    }

    public override object ParseDictionary(IDictionary<string, object?> f) => new TwinFilter(
        f.Get<long?>("ministry"), f.Get<DateOnly?>("publishedFrom"), f.Get<DateOnly?>("publishedTo"), f.Get<int?>("minSize") ?? TwinFilter.DefaultMinSize);

    /// <summary>Adds the root field <c>twins</c> (the tests' reference executor declares it the same way).</summary>
    public static FieldType AddTo<TConnection>(ObjectGraphType query) where TConnection : IGraphType =>
        query.Field<NonNullGraphType<TConnection>>("twins").Description(TwinDocs.Twins)
            .Argument<TwinFilterInput>("filter", "Filters, combined with AND.")
            .WithPaging().FieldType;
}
