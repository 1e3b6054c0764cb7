using OpenData.Data.Answers;
using OpenData.Data.Graph;
using OpenData.Data.Ministries;
using OpenData.Data.Representations;
using OpenData.Data.Senators;

namespace OpenData.Data.Questions;

/// <summary>
/// REST's question: the declaration's (<see cref="QuestionGraph"/>) over a row of <see cref="QuestionSql.Columns"/>, but
/// for what REST gives its own way: its nature and themes by code and label, its status in lower case, its author as at
/// the time of the question (GraphQL's authorAtTheTime), its ministries by id and name, its transfer, the highlight of
/// a search, its links. The detail adds its answer, its reminders and its events; a similar question its similarity.
/// </summary>
public static class QuestionRepresentations
{
    private static readonly Representation Transfer = Representation.Own("TransferInfo", "A transfer of the question to another ministry.",
        new("ministry", "MinistryRef!", "The ministry it was transferred to.", r => MinistryRepresentations.Reference(r, "transfer_ministry")),
        new("at", "Date", "Date of the transfer.", r => $"{r}.transferred_at"));

    public static readonly Representation Question = Representation.Of("QuestionResponse", GraphDeclarations.Question,
        new("id", "ID!", "The Senate's reference, its public identity (e.g. SEQ240611950).", r => $"{r}.id"),
        new("nature", "CodeLabel!", "Kind: QE written, QOSD oral without debate, QOAD/QOAE oral with debate, QG topical (actualité), QC questions cribles.",
            r => $"""(SELECT o_ FROM (SELECT {r}.nature_code AS "code", {r}.nature_label AS "label") o_)""")
        {
            Csv = [new("natureCode", "nature", "code"), new("natureLabel", "nature", "label")],
        },
        new("status", "String!", "awaiting_answer, answered, lapsed, withdrawn or converted (into an oral question).", r => $"{r}.status"),
        new("themes", "[ThemeRef!]!", "Themes of the Senate's classification.",
            r => $"to_json(array(SELECT {RepresentationReferences.Theme.Object("t")} FROM unnest({r}.theme_ids, {r}.theme_labels) WITH ORDINALITY t(id, label, n) ORDER BY t.n))")
        {
            Csv = [new("themes", "themes", "label")],
        },
        RepresentationField.Left("themeIds", "REST's themes give their codes with their labels"),
        new("author", "AuthorSnapshot!", "The author as at the time of the question (group and constituency then).", Author)
        {
            Csv = [new("authorId", "author", "id"), new("authorName", "author", "name"), new("authorCivility", "author", "civility"),
                new("authorGroup", "author", "group.code"), new("authorGroupLabel", "author", "group.label"), new("authorConstituency", "author", "constituency")],
        },
        new("ministry", "MinistryRef", "The ministry the question was addressed to.", r => MinistryRepresentations.Reference(r, "ministry"))
        {
            Csv = [new("ministryId", "ministry", "id"), new("ministryName", "ministry", "name")],
        },
        new("transfer", "TransferInfo", "Set when the question was transferred to another ministry.",
            r => $"CASE WHEN {r}.transfer_ministry_id IS NOT NULL THEN {Transfer.Object(r)} END")
        {
            Object = Transfer,
            Csv = [new("transferMinistryId", "transfer", "ministry.id"), new("transferMinistryName", "transfer", "ministry.name"), new("transferredAt", "transfer", "at")],
        },
        new("answeredBy", "MinistryRef", "The ministry that answered.", r => MinistryRepresentations.Reference(r, "answer_ministry"))
        {
            Csv = [new("answeredById", "answeredBy", "id"), new("answeredByName", "answeredBy", "name")],
        },
        RepresentationField.Left("updatedAtTime", "GraphQL's former name of updatedAt"),
        new("highlight", "String", "With q= and highlight=true: an excerpt of the title and text with the matched words between <mark> and </mark>.",
            r => $"{r}.highlight") { IsOptional = true },
        // SelfLink is the API's schema of a resource's own URL (the dataset's too).
        new("links", "SelfLink!", "The question's API URL.", r => $"""(SELECT o_ FROM (SELECT '/v1/questions/' || {r}.id AS "self") o_)"""));

    // The author as at the time of the question: the question's own columns.
    private static string Author(string r) => $"""
        (SELECT o_ FROM (SELECT {r}.author_id AS "id", {r}.author_name AS "name", {r}.author_civility AS "civility",
            CASE WHEN {r}.author_group IS NOT NULL THEN {SenatorRepresentations.Group($"{r}.author_group")} END AS "group",
            {r}.author_constituency AS "constituency", '/v1/senators/' || {r}.author_id AS "self") o_)
        """;

    private static readonly Representation Reminder = Representation.Own("ReminderRef", "A question that reminds another.",
        new("id", "ID!", "The reminding question's reference.", r => $"{r}.id"),
        new("publishedAt", "Date!", "Its publication date.", r => $"{r}.published_at"),
        new("title", "String", "Its title.", r => $"{r}.title"),
        new("self", "String!", "Its API URL.", r => $"'/v1/questions/' || {r}.id"));

    private static readonly Representation Event = Representation.Own("EventResponse", "An event of a question's life.",
        new("type", "String!", "published, transferred, reminded, answered, erratum, lapsed, withdrawn or converted.", r => $"{r}.type"),
        new("date", "Date", "Its date; null when the source does not date it (an outcome already known at the first import).", r => $"{r}.date"),
        new("ministry", "MinistryRef", "published: the ministry addressed; transferred: the new one; answered: the answering one.", r => MinistryRepresentations.Reference(r, "ministry")),
        new("questionId", "ID", "reminded: the later question that reminds this one.", r => $"{r}.question_id"),
        new("journalPage", "Int", "Its page in the Journal officiel, when known.", r => $"{r}.journal_page"));

    public static readonly Representation Detail = Question.With("QuestionDetailResponse", "A question with its answer and the later questions that remind it.",
        new("answer", "AnswerResponse", "The minister's answer, or null while there is none.",
            r => $"(SELECT {AnswerRepresentations.Answer.Object("a")} FROM opendata.answers a WHERE a.question_id = {r}.id)") { Object = AnswerRepresentations.Answer },
        new("reminders", "[ReminderRef!]!", "Later questions that remind this one (rappels), oldest first.",
            r => $"to_json(array(SELECT {Reminder.Object("rq")} FROM opendata.questions rq WHERE rq.reminds_question_id = {r}.id ORDER BY rq.published_at, rq.id))")
        {
            Object = Reminder,
        },
        new("events", "[EventResponse!]!",
            "What happened to the question, in order: published, transferred, reminded, answered, erratum, and its outcome (lapsed, withdrawn, converted), each with its date (null when the source does not date it).",
            r => $"to_json(array(SELECT {Event.Object("e")} FROM {QuestionEvents.From(r)} e ORDER BY {QuestionEvents.Order}))")
        {
            Object = Event,
        });

    public static readonly Representation Similar = Question.After("SimilarQuestionResponse", "A question similar to another, with its similarity.",
        new RepresentationField("similarity", "Float!",
            "How near its text is to the other's, from 0 to 1 (1: the same words): the Jaccard similarity of their three-word shingles after the opening formula.",
            r => $"round({r}.similarity::numeric, 4)::float8"));
}
