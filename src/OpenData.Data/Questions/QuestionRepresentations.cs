using OpenData.Data.Answers;
using OpenData.Data.Graph;
using OpenData.Data.Representations;

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
        RepresentationField.Holding("ministry", RepresentationReferences.Ministry(r => $"{r}.transfer_ministry_id", r => $"{r}.transfer_ministry_name"),
            "The ministry it was transferred to."),
        new("at", "Date", "Date of the transfer.", r => $"{r}.transferred_at"));

    internal static readonly Representation Author = Representation.Own("AuthorSnapshot", "The author of a question as at the time of the question.",
        new("id", "String!", "Senator id (matricule).", r => $"{r}.author_id"),
        new("name", "String!", "First and last name.", r => $"{r}.author_name"),
        new("civility", "String", "M. or Mme.", r => $"{r}.author_civility"),
        RepresentationField.Holding("group", RepresentationReferences.Group(r => $"{r}.author_group"),
            "Political group at the time, by code and label (the same object as a senator's group).", r => $"{r}.author_group IS NOT NULL"),
        new("constituency", "String", "Constituency at the time.", r => $"{r}.author_constituency"),
        new("self", "String!", "The senator's API URL.", r => $"'/v1/senators/' || {r}.author_id"));

    private static readonly Representation Links = RepresentationReferences.SelfLink(r => $"'/v1/questions/' || {r}.id");

    public static readonly Representation Question = Representation.Of("QuestionResponse", GraphDeclarations.Question,
        new("id", "ID!", "The Senate's reference, its public identity (e.g. SEQ240611950).", r => $"{r}.id"),
        RepresentationField.Holding("nature", RepresentationReferences.CodeLabel(r => $"{r}.nature_code", r => $"{r}.nature_label"),
            "Kind: QE written, QOSD oral without debate, QOAD/QOAE oral with debate, QG topical (actualité), QC questions cribles.") with
        {
            Csv = [new("natureCode", "nature", "code"), new("natureLabel", "nature", "label")],
        },
        new("status", "String!", "awaiting_answer, answered, lapsed, withdrawn or converted (into an oral question).", r => $"{r}.status"),
        RepresentationField.Zipping("themes", RepresentationReferences.Theme, "Themes of the Senate's classification.", r => $"{r}.theme_ids", r => $"{r}.theme_labels") with
        {
            Csv = [new("themes", "themes", "label")],
        },
        RepresentationField.Left("themeIds", "REST's themes give their codes with their labels"),
        RepresentationField.Holding("author", Author, "The author as at the time of the question (group and constituency then).") with
        {
            Csv = [new("authorId", "author", "id"), new("authorName", "author", "name"), new("authorCivility", "author", "civility"),
                new("authorGroup", "author", "group.code"), new("authorGroupLabel", "author", "group.label"), new("authorConstituency", "author", "constituency")],
        },
        RepresentationReferences.Ministry("ministry", "ministry", "The ministry the question was addressed to.") with
        {
            Csv = [new("ministryId", "ministry", "id"), new("ministryName", "ministry", "name")],
        },
        RepresentationField.Holding("transfer", Transfer, "Set when the question was transferred to another ministry.", r => $"{r}.transfer_ministry_id IS NOT NULL") with
        {
            Csv = [new("transferMinistryId", "transfer", "ministry.id"), new("transferMinistryName", "transfer", "ministry.name"), new("transferredAt", "transfer", "at")],
        },
        RepresentationReferences.Ministry("answeredBy", "answer_ministry", "The ministry that answered.") with
        {
            Csv = [new("answeredById", "answeredBy", "id"), new("answeredByName", "answeredBy", "name")],
        },
        RepresentationField.Left("updatedAtTime", "GraphQL's former name of updatedAt"),
        new("highlight", "String", "With q= and highlight=true: an excerpt of the title and text with the matched words between <mark> and </mark>.",
            r => $"{r}.highlight") { IsOptional = true },
        RepresentationField.Holding("links", Links, "The question's API URL."));

    private static readonly Representation Reminder = Representation.Own("ReminderRef", "A question that reminds another.",
        new("id", "ID!", "The reminding question's reference.", r => $"{r}.id"),
        new("publishedAt", "Date!", "Its publication date.", r => $"{r}.published_at"),
        new("title", "String", "Its title.", r => $"{r}.title"),
        new("self", "String!", "Its API URL.", r => $"'/v1/questions/' || {r}.id"));

    private static readonly Representation Event = Representation.Own("EventResponse", "An event of a question's life.",
        new("type", "String!", "published, transferred, reminded, answered, erratum, lapsed, withdrawn or converted.", r => $"{r}.type"),
        new("date", "Date", "Its date; null when the source does not date it (an outcome already known at the first import).", r => $"{r}.date"),
        RepresentationReferences.Ministry("ministry", "ministry", "published: the ministry addressed; transferred: the new one; answered: the answering one."),
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
