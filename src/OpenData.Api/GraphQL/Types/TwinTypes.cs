using GraphQL.Types;
using OpenData.Api.Features.Twins;
using OpenData.Api.GraphQL.Inputs;
using OpenData.Data.Twins;

namespace OpenData.Api.GraphQL.Types;

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
public sealed class TwinGroupType() : DeclaredObjectType(OpenData.Data.Graph.GraphDeclarations.TwinGroup);

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
}
