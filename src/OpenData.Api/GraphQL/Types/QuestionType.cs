using GraphQL.Types;
using OpenData.Api.GraphQL.Inputs;
using OpenData.Api.Rest;
using OpenData.Data.Questions;

namespace OpenData.Api.GraphQL.Types;

/// <summary>A question, linked to its author, ministries, answer and reminders.</summary>
public sealed class QuestionType : ObjectGraphType
{
    public QuestionType()
    {
        Name = "Question";
        Description = "A written or oral question of a senator to a minister.";
        Interface<NodeInterface>();
        Field<NonNullGraphType<IdGraphType>>("id").Description("The Senate's reference (letters then digits, e.g. SEQ240611950), its public identity and its global id (node).");
        Field<NonNullGraphType<StringGraphType>>("number").Description("Public number, unique within a legislature and kind.");
        Field<IntGraphType>("legislature").Description("Legislature number.");
        Field<NonNullGraphType<QuestionNatureInfoType>>("nature").Description("Kind of question, by code and French label.");
        Field<NonNullGraphType<QuestionStatusEnum>>("status").Description("Where the question stands.");
        Field<StringGraphType>("title").Description("Title.");
        Field<StringGraphType>("text").Description("Full text of the question.");
        Field<StringGraphType>("topic").Description("The Senate's main heading (rubrique).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ThemeType>>>>("themes").Description("Themes of the Senate's classification.");
        Field<NonNullGraphType<DateScalar>>("publishedAt").Description("Date of publication in the Journal officiel.");
        Field<IntGraphType>("journalPage").Description("Page in the Journal officiel.");
        Field<SenatorType>("author").Description("The senator who asked it, as they are today; null only when the senators file does not know them (see authorAtTheTime).");
        Field<NonNullGraphType<QuestionAuthorType>>("authorAtTheTime").Description("The author as at the time of the question (group and constituency then).");
        Field<MinistryType>("ministry").Description("The ministry the question was addressed to.");
        Field<TransferType>("transfer").Description("Set when the question was transferred to another ministry.");
        Field<DateScalar>("answeredAt").Description("Date the answer was published in the Journal officiel.");
        Field<MinistryType>("answeredBy").Description("The ministry that answered.");
        Field<IntGraphType>("answerDelayDays").Description("Days from publication to answer.");
        Field<DateScalar>("deadline").Description("Written questions: one month plus the one-month extension a minister may claim (the Senate's rules, art. 75). Null for oral questions.");
        Field<NonNullGraphType<BooleanGraphType>>("overdue").Description("Still awaiting an answer after the deadline.");
        Field<DateScalar>("closedAt").Description("The date the question was closed without an answer: lapsed (at the end of its legislature), withdrawn or converted into an oral question (the landing of the import that changed its status, as the Senate's files do not date them; null when it had that status when first imported). Null while answered or awaiting an answer.");
        Field<IdGraphType>("remindsQuestionId").Description("Id of the earlier, unanswered question this one reminds (rappel).");
        Field<QuestionType>("remindsQuestion").Description("The earlier, unanswered question this one reminds (rappel).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<QuestionType>>>>("reminders").Description("Later questions that remind this one, oldest first.");
        Field<AnswerType>("answer").Description("The minister's answer, or null while there is none.");
        Field<NonNullGraphType<SimilarQuestionConnectionType>>("similar").Description(TwinDocs.Similar).WithPaging();
        Field<NonNullGraphType<DateTimeGraphType>>("updatedAt").Description("When this question last changed in the API: the moment the import that changed it was first served (REST: updatedAt).");
        Field<NonNullGraphType<DateTimeGraphType>>("updatedAtTime").Description("The same as updatedAt.")
            .DeprecationReason("Use updatedAt: a timestamp (DateTime) on every type.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<QuestionEventType>>>>("events").Description("What happened to the question, in order: published, transferred, reminded, answered, erratum, and its outcome.");
        Field<StringGraphType>("url").Description("The question's page on senat.fr; null in generated data (but for its one real question, SEQ240611950).");
        Field<StringGraphType>("highlight").Description("With filter.q: an excerpt of the title and text with the matched words between <mark> and </mark> (made only when this field is asked for).");
    }
}

/// <summary>An event of a question's life.</summary>
public sealed class QuestionEventType : ObjectGraphType
{
    public QuestionEventType()
    {
        Name = "QuestionEvent";
        Description = "An event of a question's life, with its date.";
        Field<NonNullGraphType<QuestionEventKindEnum>>("type").Description("What happened.");
        Field<DateScalar>("date").Description("When; null when the source does not date it (an outcome already known at the first import).");
        Field<MinistryType>("ministry").Description("PUBLISHED: the ministry addressed; TRANSFERRED: the new one; ANSWERED: the answering one.");
        Field<IdGraphType>("questionId").Description("REMINDED: the later question that reminds this one.");
        Field<IntGraphType>("journalPage").Description("Its page in the Journal officiel, when known.");
    }
}

/// <summary>The kinds of event of a question.</summary>
public sealed class QuestionEventKindEnum : EnumerationGraphType
{
    public QuestionEventKindEnum()
    {
        Name = "QuestionEventKind";
        Description = "What happened to a question.";
        Add("PUBLISHED", "published", "Published in the Journal officiel.");
        Add("TRANSFERRED", "transferred", "Transferred to another ministry.");
        Add("REMINDED", "reminded", "Reminded by a later question (rappel).");
        Add("ANSWERED", "answered", "Answered by a minister.");
        Add("ERRATUM", "erratum", "A correction of the question or of its answer was published.");
        Add("LAPSED", "lapsed", "Lapsed (at the end of its legislature).");
        Add("WITHDRAWN", "withdrawn", "Withdrawn by its author.");
        Add("CONVERTED", "converted", "Converted into an oral question.");
    }
}

/// <summary>Kind of a question.</summary>
public sealed class QuestionNatureInfoType : ObjectGraphType
{
    public QuestionNatureInfoType()
    {
        Name = "Nature";
        Description = "Kind of a question, by code and French label.";
        Field<NonNullGraphType<QuestionNatureEnum>>("code").Description("The Senate's code.");
        Field<NonNullGraphType<StringGraphType>>("label").Description("The French label, e.g. Question écrite.");
    }
}

/// <summary>The author of a question as at the time of the question.</summary>
public sealed class QuestionAuthorType : ObjectGraphType
{
    public QuestionAuthorType()
    {
        Name = "QuestionAuthor";
        Description = "The author of a question as at the time of the question.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Senator id (matricule).");
        Field<NonNullGraphType<StringGraphType>>("name").Description("First and last name.");
        Field<StringGraphType>("civility").Description("M. or Mme.");
        Field<StringGraphType>("group").Description("Political group code at the time.")
            .DeprecationReason("Use politicalGroup: a group is the PoliticalGroup object everywhere, as a senator's.");
        Field<PoliticalGroupType>("politicalGroup").Description("Political group at the time (the groups table's row), null when none or when the table does not list it.");
        Field<StringGraphType>("constituency").Description("Constituency at the time.");
    }
}

/// <summary>A transfer of a question to another ministry.</summary>
public sealed class TransferType : ObjectGraphType
{
    public TransferType()
    {
        Name = "Transfer";
        Description = "A transfer of the question to another ministry.";
        Field<MinistryType>("ministry").Description("The ministry it was transferred to.");
        Field<NonNullGraphType<IdGraphType>>("ministryId").Description("Id of the ministry it was transferred to.");
        Field<DateScalar>("at").Description("Date of the transfer.");
    }
}
