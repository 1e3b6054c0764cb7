using GraphQL.Types;
using OpenData.Api.GraphQL.Types;

namespace OpenData.Api.GraphQL.Inputs;

/// <summary>The question filters of REST's /v1/questions, as one input object.</summary>
public sealed class QuestionFilterInput : InputObjectGraphType
{
    public QuestionFilterInput()
    {
        Name = "QuestionFilter";
        Description = "Question filters, the same as REST's /v1/questions; every field is optional and they combine with AND.";
        Field<StringGraphType>("q").Description("French full-text search over title, topic and text: accents and case ignored, stemming (\"désertification médicale\" finds \"desertification medicales\"). Supports \"quoted phrases\", or, -exclusion.");
        Field<IdGraphType>("senator").Description("Author's senator id (matricule).");
        Field<IntGraphType>("ministry").Description("Ministry id: questions addressed to, transferred to or answered by it.");
        Field<BooleanGraphType>("lineage").Description("With ministry: also the ministries it replaced after reshuffles, transitively (its predecessors).");
        Field<ListGraphType<NonNullGraphType<QuestionNatureEnum>>>("nature").Description("Kinds of question (any of).");
        Field<ListGraphType<NonNullGraphType<QuestionStatusEnum>>>("status").Description("Statuses (any of).");
        Field<IntGraphType>("legislature").Description("Legislature number.");
        Field<IntGraphType>("theme").Description("Theme id (see themes).");
        Field<StringGraphType>("group").Description("The author's political group code at the time of the question (see groups).");
        Field<DateScalar>("publishedFrom").Description("Published on or after this date.");
        Field<DateScalar>("publishedTo").Description("Published on or before this date.");
        Field<DateScalar>("answeredFrom").Description("Answered on or after this date.");
        Field<DateScalar>("answeredTo").Description("Answered on or before this date.");
        Field<BooleanGraphType>("overdue").Description("true: written questions still awaiting an answer after their two-month deadline; false: all others.");
        Field<DateScalar>("updatedSince").Description("Questions with an event (publication, transfer, answer, erratum) on or after this date.");
    }
}

/// <summary>The filters of REST's /v1/answers.</summary>
public sealed class AnswerFilterInput : InputObjectGraphType
{
    public AnswerFilterInput()
    {
        Name = "AnswerFilter";
        Description = "Answer filters, the same as REST's /v1/answers; every field is optional and they combine with AND.";
        Field<StringGraphType>("q").Description("French full-text search over the answer's text (accents and case ignored, stemming).");
        Field<IntGraphType>("ministry").Description("The answering ministry's id.");
        Field<DateScalar>("publishedFrom").Description("Published on or after this date.");
        Field<DateScalar>("publishedTo").Description("Published on or before this date.");
    }
}

/// <summary>The filters of REST's /v1/senators.</summary>
public sealed class SenatorFilterInput : InputObjectGraphType
{
    public SenatorFilterInput()
    {
        Name = "SenatorFilter";
        Description = "Senator filters, the same as REST's /v1/senators; every field is optional and they combine with AND.";
        Field<StringGraphType>("q").Description("Part of the name, accents and case ignored.");
        Field<BooleanGraphType>("active").Description("true: sitting senators; false: former ones.");
        Field<StringGraphType>("group").Description("Current political group code.");
        Field<StringGraphType>("constituency").Description("Constituency, exact match.");
    }
}

/// <summary>The filters of REST's /v1/ministries.</summary>
public sealed class MinistryFilterInput : InputObjectGraphType
{
    public MinistryFilterInput()
    {
        Name = "MinistryFilter";
        Description = "Ministry filters, the same as REST's /v1/ministries; every field is optional and they combine with AND.";
        Field<StringGraphType>("q").Description("Part of the name, full name or minister's name, accents and case ignored.");
        Field<BooleanGraphType>("current").Description("true: ministries in office; false: past ones.");
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
