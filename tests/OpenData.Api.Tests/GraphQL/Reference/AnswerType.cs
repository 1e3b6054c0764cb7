using OpenData.Data;
using Microsoft.Extensions.DependencyInjection;
using OpenData.Api.GraphQL.Types;
using GraphQL.Types;
using OpenData.Api.Rest;
using OpenData.Data.Answers;

namespace OpenData.Api.Tests.GraphQL.Reference;

/// <summary>A minister's answer, linked to its question and the questions it also answers.</summary>
public sealed class AnswerType : ObjectGraphType<AnswerRow>
{
    public AnswerType()
    {
        Name = "Answer";
        Description = "A minister's answer to a question, as published in the Journal officiel.";
        Field<NonNullGraphType<IdGraphType>>("questionId").Description("Id of the question answered.").Resolve(c => c.Source.QuestionId);
        Field<QuestionType>("question").Description("The question answered.")
            .Resolve(c => c.RequestServices!.GetRequiredService<QuestionLoader>().Load(c.Source.QuestionId));
        Field<NonNullGraphType<DateScalar>>("publishedAt").Description("Date of publication in the Journal officiel.").Resolve(c => c.Source.PublishedAt);
        Field<StringGraphType>("text").Description("The answer's text.").Resolve(c => c.Source.Text);
        Field<MinistryType>("ministry").Description("The answering ministry.")
            .Resolve(c => c.Source.MinistryId is { } id ? c.RequestServices!.GetRequiredService<MinistryLoader>().Load(id) : null);
        Field<IntGraphType>("journalPage").Description("Page in the Journal officiel.").Resolve(c => c.Source.JournalPage);
        Field<IntGraphType>("delayDays").Description("Days from the question's publication to the answer's.").Resolve(c => c.Source.DelayDays);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("sharedWithIds")
            .Description("Ids of the other questions answered by the same common answer (réponse commune).").Resolve(c => c.Source.SharedWith);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<QuestionType>>>>("sharedWith")
            .Description("The other questions answered by the same common answer (réponse commune).")
            .Resolve(c => c.RequestServices!.GetRequiredService<QuestionLoader>().LoadMany(c.Source.SharedWith));
        Field<ErratumType>("erratum").Description("A correction published later, if any.")
            .Resolve(c => c.Source.ErratumPage is null && c.Source.ErratumDate is null && c.Source.ErratumText is null ? null : c.Source);
        Field<StringGraphType>("url").Description("The answer's page on senat.fr.").Resolve(c => c.Source.Url);
        Field<NonNullGraphType<DateTimeGraphType>>("updatedAt").Description("When this answer last changed in the API: the moment the import that changed it was first served.").Resolve(c => Dates.Utc(c.Source.UpdatedAt));
    }
}

/// <summary>A correction of an answer.</summary>
public sealed class ErratumType : ObjectGraphType<AnswerRow>
{
    public ErratumType()
    {
        Name = "Erratum";
        Description = "A correction of an answer, published later in the Journal officiel.";
        Field<IntGraphType>("page").Description("Page in the Journal officiel.").Resolve(c => c.Source.ErratumPage);
        Field<DateScalar>("date").Description("Date of publication.").Resolve(c => c.Source.ErratumDate);
        Field<StringGraphType>("text").Description("Text of the correction.").Resolve(c => c.Source.ErratumText);
    }
}
