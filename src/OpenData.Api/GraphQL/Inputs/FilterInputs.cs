using GraphQL.Types;
using OpenData.Api.Features.Answers;
using OpenData.Api.Features.Ministries;
using OpenData.Api.Features.Questions;
using OpenData.Api.Features.Senators;
using OpenData.Api.GraphQL.Types;
using OpenData.Api.Rest;

namespace OpenData.Api.GraphQL.Inputs;

/// <summary>The question filters of REST's /v1/questions, as one input object.</summary>
public sealed class QuestionFilterInput : InputObjectGraphType
{
    public QuestionFilterInput()
    {
        Name = "QuestionFilter";
        Description = "Question filters, the same as REST's /v1/questions; every field is optional and they combine with AND.";
        this.Field<CheckedStringGraphType>(QuestionParameters.Q);
        this.Field<CheckedIdGraphType>(QuestionParameters.Senator);
        this.Field<IntGraphType>(QuestionParameters.Ministry);
        this.Field<BooleanGraphType>(QuestionParameters.Lineage);
        Field<ListGraphType<NonNullGraphType<QuestionNatureEnum>>>("nature").Description("Kinds of question (any of).");
        Field<ListGraphType<NonNullGraphType<QuestionStatusEnum>>>("status").Description("Statuses (any of).");
        this.Field<IntGraphType>(QuestionParameters.Legislature);
        this.Field<IntGraphType>(QuestionParameters.Theme);
        this.Field<CheckedStringGraphType>(QuestionParameters.Group);
        this.Field<DateScalar>(QuestionParameters.PublishedFrom);
        this.Field<DateScalar>(QuestionParameters.PublishedTo);
        this.Field<DateScalar>(QuestionParameters.AnsweredFrom);
        this.Field<DateScalar>(QuestionParameters.AnsweredTo);
        this.Field<BooleanGraphType>(QuestionParameters.Overdue);
        this.Field<DateScalar>(QuestionParameters.UpdatedSince);
    }
}

/// <summary>The filters of REST's /v1/answers.</summary>
public sealed class AnswerFilterInput : InputObjectGraphType
{
    public AnswerFilterInput()
    {
        Name = "AnswerFilter";
        Description = "Answer filters, the same as REST's /v1/answers; every field is optional and they combine with AND.";
        this.Field<CheckedStringGraphType>(AnswerParameters.Q);
        this.Field<IntGraphType>(AnswerParameters.Ministry);
        this.Field<DateScalar>(AnswerParameters.PublishedFrom);
        this.Field<DateScalar>(AnswerParameters.PublishedTo);
    }
}

/// <summary>The filters of REST's /v1/senators.</summary>
public sealed class SenatorFilterInput : InputObjectGraphType
{
    public SenatorFilterInput()
    {
        Name = "SenatorFilter";
        Description = "Senator filters, the same as REST's /v1/senators; every field is optional and they combine with AND.";
        this.Field<CheckedStringGraphType>(SenatorParameters.Q);
        this.Field<BooleanGraphType>(SenatorParameters.Active);
        this.Field<CheckedStringGraphType>(SenatorParameters.Group);
        this.Field<CheckedStringGraphType>(SenatorParameters.Constituency);
    }
}

/// <summary>The filters of REST's /v1/ministries.</summary>
public sealed class MinistryFilterInput : InputObjectGraphType
{
    public MinistryFilterInput()
    {
        Name = "MinistryFilter";
        Description = "Ministry filters, the same as REST's /v1/ministries; every field is optional and they combine with AND.";
        this.Field<CheckedStringGraphType>(MinistryParameters.Q);
        this.Field<BooleanGraphType>(MinistryParameters.Current);
    }
}

/// <summary>The filters of REST's /v1/stats/ministries.</summary>
public sealed class MinistryStatsFilterInput : InputObjectGraphType
{
    public MinistryStatsFilterInput()
    {
        Name = "MinistryStatsFilter";
        Description = "Filters of the per-ministry statistics, the same as REST's /v1/stats/ministries.";
        Field<IntGraphType>("legislature").Description("Questions of this legislature.");
        Field<DateScalar>("from").Description("Questions published on or after this date.");
        Field<DateScalar>("to").Description("Questions published on or before this date.");
        Field<BooleanGraphType>("current").Description("true: only the ministries in office; false: only past ones.");
        Field<ListGraphType<NonNullGraphType<QuestionNatureEnum>>>("nature").Description("Kinds of question counted; written questions (QE) only by default, since only they have the two-month deadline.");
    }
}

/// <summary>Filter fields take their name and description from the REST parameter they mirror: one definition for both APIs.</summary>
internal static class ParameterFields
{
    public static void Field<TGraphType>(this InputObjectGraphType input, ApiParameter parameter) where TGraphType : IGraphType =>
        input.Field<TGraphType>(parameter.Name).Description(parameter.Description);
}
