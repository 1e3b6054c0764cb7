using OpenData.Data;
using Microsoft.Extensions.DependencyInjection;
using OpenData.Api.GraphQL.Types;
using GraphQL.Types;
using OpenData.Api.Rest;
using OpenData.Data.Questions;

namespace OpenData.Api.Tests.GraphQL.Reference;

/// <summary>A question, linked to its author, ministries, answer and reminders.</summary>
public sealed class QuestionType : ObjectGraphType<QuestionRow>
{
    public QuestionType()
    {
        Name = "Question";
        Description = "A written or oral question of a senator to a minister.";
        Interface<ReferenceNode>();
        Field<NonNullGraphType<IdGraphType>>("id").Description("The Senate's reference (letters then digits, e.g. SEQ240611950), its public identity and its global id (node).").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("number").Description("Public number, unique within a legislature and kind.").Resolve(c => c.Source.Number);
        Field<IntGraphType>("legislature").Description("Legislature number.").Resolve(c => c.Source.Legislature);
        Field<NonNullGraphType<QuestionNatureInfoType>>("nature").Description("Kind of question, by code and French label.").Resolve(c => c.Source);
        Field<NonNullGraphType<QuestionStatusEnum>>("status").Description("Where the question stands.").Resolve(c => c.Source.Status);
        Field<StringGraphType>("title").Description("Title.").Resolve(c => c.Source.Title);
        Field<StringGraphType>("text").Description("Full text of the question.").Resolve(c => c.Source.Text);
        Field<StringGraphType>("topic").Description("The Senate's main heading (rubrique).").Resolve(c => c.Source.Topic);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ThemeType>>>>("themes").Description("Themes of the Senate's classification.")
            .Resolve(c => c.RequestServices!.GetRequiredService<ThemeLoader>().LoadMany(c.Source.ThemeIds));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IntGraphType>>>>("themeIds").Resolve(c => c.Source.ThemeIds);
        Field<NonNullGraphType<DateScalar>>("publishedAt").Description("Date of publication in the Journal officiel.").Resolve(c => c.Source.PublishedAt);
        Field<IntGraphType>("journalPage").Description("Page in the Journal officiel.").Resolve(c => c.Source.JournalPage);
        Field<SenatorType>("author").Description("The senator who asked it, as they are today; null only when the senators file does not know them (see authorAtTheTime).")
            .Resolve(c => c.RequestServices!.GetRequiredService<SenatorLoader>().Load(c.Source.AuthorId));
        Field<NonNullGraphType<QuestionAuthorType>>("authorAtTheTime").Description("The author as at the time of the question (group and constituency then).")
            .Resolve(c => c.Source);
        Field<MinistryType>("ministry").Description("The ministry the question was addressed to.")
            .Resolve(c => c.Source.MinistryId is { } id ? c.RequestServices!.GetRequiredService<MinistryLoader>().Load(id) : null);
        Field<TransferType>("transfer").Description("Set when the question was transferred to another ministry.")
            .Resolve(c => c.Source.TransferMinistryId is null ? null : c.Source);
        Field<DateScalar>("answeredAt").Description("Date the answer was published in the Journal officiel.").Resolve(c => c.Source.AnsweredAt);
        Field<MinistryType>("answeredBy").Description("The ministry that answered.")
            .Resolve(c => c.Source.AnswerMinistryId is { } id ? c.RequestServices!.GetRequiredService<MinistryLoader>().Load(id) : null);
        Field<IntGraphType>("answerDelayDays").Description("Days from publication to answer.").Resolve(c => c.Source.AnswerDelayDays);
        Field<DateScalar>("deadline").Description("Written questions: one month plus the one-month extension a minister may claim (the Senate's rules, art. 75). Null for oral questions.")
            .Resolve(c => c.Source.Deadline);
        Field<NonNullGraphType<BooleanGraphType>>("overdue").Description("Still awaiting an answer after the deadline.").Resolve(c => c.Source.Overdue);
        Field<DateScalar>("closedAt").Description("The date the question was closed without an answer: lapsed (at the end of its legislature), withdrawn or converted into an oral question (the landing of the import that changed its status, as the Senate's files do not date them; null when it had that status when first imported). Null while answered or awaiting an answer.").Resolve(c => c.Source.ClosedAt);
        Field<IdGraphType>("remindsQuestionId").Description("Id of the earlier, unanswered question this one reminds (rappel).").Resolve(c => c.Source.RemindsQuestionId);
        Field<QuestionType>("remindsQuestion").Description("The earlier, unanswered question this one reminds (rappel).")
            .Resolve(c => c.Source.RemindsQuestionId is { } id ? c.RequestServices!.GetRequiredService<QuestionLoader>().Load(id) : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<QuestionType>>>>("reminders").Description("Later questions that remind this one, oldest first.")
            .Resolve(c => c.RequestServices!.GetRequiredService<ReminderLoader>().Load(c.Source.Id));
        Field<AnswerType>("answer").Description("The minister's answer, or null while there is none.")
            .Resolve(c => c.Source.AnsweredAt is null && c.Source.Status != "answered" ? null : c.RequestServices!.GetRequiredService<AnswerLoader>().Load(c.Source.Id));
        Field<NonNullGraphType<SimilarQuestionConnectionType>>("similar").Description(OpenData.Data.Twins.TwinDocs.Similar).WithPaging()
            .ResolveAsync(async c => await TwinReads.SimilarAsync(c));
        Field<NonNullGraphType<DateTimeGraphType>>("updatedAt").Description("When this question last changed in the API: the moment the import that changed it was first served (REST: updatedAt).").Resolve(c => Dates.Utc(c.Source.UpdatedAt));
        Field<NonNullGraphType<DateTimeGraphType>>("updatedAtTime").Description("The same as updatedAt.").DeprecationReason("Use updatedAt: a timestamp (DateTime) on every type.").Resolve(c => Dates.Utc(c.Source.UpdatedAt));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<QuestionEventType>>>>("events").Description("What happened to the question, in order: published, transferred, reminded, answered, erratum, and its outcome.")
            .Resolve(c => c.RequestServices!.GetRequiredService<EventLoader>().Load(c.Source.Id));
        Field<StringGraphType>("url").Description("The question's page on senat.fr; null in generated data (but for its one real question, SEQ240611950).").Resolve(c => c.Source.Url);
        Field<StringGraphType>("highlight").Description("With filter.q: an excerpt of the title and text with the matched words between <mark> and </mark> (made only when this field is asked for).")
            .Resolve(c => c.Source.Highlight);
    }
}

/// <summary>Kind of a question.</summary>
public sealed class QuestionNatureInfoType : ObjectGraphType<QuestionRow>
{
    public QuestionNatureInfoType()
    {
        Name = "Nature";
        Description = "Kind of a question, by code and French label.";
        Field<NonNullGraphType<QuestionNatureEnum>>("code").Description("The Senate's code.").Resolve(c => c.Source.NatureCode);
        Field<NonNullGraphType<StringGraphType>>("label").Description("The French label, e.g. Question écrite.").Resolve(c => c.Source.NatureLabel);
    }
}

/// <summary>The author of a question as at the time of the question.</summary>
public sealed class QuestionAuthorType : ObjectGraphType<QuestionRow>
{
    public QuestionAuthorType()
    {
        Name = "QuestionAuthor";
        Description = "The author of a question as at the time of the question.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Senator id (matricule).").Resolve(c => c.Source.AuthorId);
        Field<NonNullGraphType<StringGraphType>>("name").Description("First and last name.").Resolve(c => c.Source.AuthorName);
        Field<StringGraphType>("civility").Description("M. or Mme.").Resolve(c => c.Source.AuthorCivility);
        Field<StringGraphType>("group").Description("Political group code at the time.")
            .DeprecationReason("Use politicalGroup: a group is the PoliticalGroup object everywhere, as a senator's.").Resolve(c => c.Source.AuthorGroup);
        Field<PoliticalGroupType>("politicalGroup").Description("Political group at the time (the groups table's row), null when none or when the table does not list it.")
            .Resolve(c => c.Source.AuthorGroup is { } code ? c.RequestServices!.GetRequiredService<GroupLoader>().Load(code) : null);
        Field<StringGraphType>("constituency").Description("Constituency at the time.").Resolve(c => c.Source.AuthorConstituency);
    }
}

/// <summary>A transfer of a question to another ministry.</summary>
public sealed class TransferType : ObjectGraphType<QuestionRow>
{
    public TransferType()
    {
        Name = "Transfer";
        Description = "A transfer of the question to another ministry.";
        Field<MinistryType>("ministry").Description("The ministry it was transferred to.")
            .Resolve(c => c.RequestServices!.GetRequiredService<MinistryLoader>().Load(c.Source.TransferMinistryId!.Value));
        Field<NonNullGraphType<IdGraphType>>("ministryId").Description("Id of the ministry it was transferred to.").Resolve(c => MinistryType.Id(c.Source.TransferMinistryId!.Value));
        Field<DateScalar>("at").Description("Date of the transfer.").Resolve(c => c.Source.TransferredAt);
    }
}

/// <summary>An event of a question's life.</summary>
public sealed class QuestionEventType : ObjectGraphType<QuestionEvent>
{
    public QuestionEventType()
    {
        Name = "QuestionEvent";
        Description = "An event of a question's life, with its date.";
        Field<NonNullGraphType<QuestionEventKindEnum>>("type").Description("What happened.").Resolve(c => c.Source.Type);
        Field<DateScalar>("date").Description("When; null when the source does not date it (an outcome already known at the first import).").Resolve(c => c.Source.Date);
        Field<MinistryType>("ministry").Description("PUBLISHED: the ministry addressed; TRANSFERRED: the new one; ANSWERED: the answering one.")
            .Resolve(c => c.Source.MinistryId is { } id ? c.RequestServices!.GetRequiredService<MinistryLoader>().Load(id) : null);
        Field<IdGraphType>("questionId").Description("REMINDED: the later question that reminds this one.").Resolve(c => c.Source.QuestionId);
        Field<IntGraphType>("journalPage").Description("Its page in the Journal officiel, when known.").Resolve(c => c.Source.JournalPage);
    }
}
