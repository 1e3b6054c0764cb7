using GraphQL.Types;
using OpenData.Api.Rest;
using OpenData.Data.Answers;

namespace OpenData.Api.GraphQL.Types;

/// <summary>A minister's answer, linked to its question and the questions it also answers.</summary>
public sealed class AnswerType : ObjectGraphType
{
    public AnswerType()
    {
        Name = "Answer";
        Description = "A minister's answer to a question, as published in the Journal officiel.";
        Field<NonNullGraphType<IdGraphType>>("questionId").Description("Id of the question answered.");
        Field<QuestionType>("question").Description("The question answered.");
        Field<NonNullGraphType<DateScalar>>("publishedAt").Description("Date of publication in the Journal officiel.");
        Field<StringGraphType>("text").Description("The answer's text.");
        Field<MinistryType>("ministry").Description("The answering ministry.");
        Field<IntGraphType>("journalPage").Description("Page in the Journal officiel.");
        Field<IntGraphType>("delayDays").Description("Days from the question's publication to the answer's.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("sharedWithIds")
            .Description("Ids of the other questions answered by the same common answer (réponse commune).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<QuestionType>>>>("sharedWith")
            .Description("The other questions answered by the same common answer (réponse commune).");
        Field<ErratumType>("erratum").Description("A correction published later, if any.");
        Field<StringGraphType>("url").Description("The answer's page on senat.fr.");
        Field<NonNullGraphType<DateTimeGraphType>>("updatedAt").Description("When this answer last changed in the API: the moment the import that changed it was first served.");
    }
}

/// <summary>A correction of an answer.</summary>
public sealed class ErratumType : ObjectGraphType
{
    public ErratumType()
    {
        Name = "Erratum";
        Description = "A correction of an answer, published later in the Journal officiel.";
        Field<IntGraphType>("page").Description("Page in the Journal officiel.");
        Field<DateScalar>("date").Description("Date of publication.");
        Field<StringGraphType>("text").Description("Text of the correction.");
    }
}
