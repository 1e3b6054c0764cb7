using GraphQL.Types;
using OpenData.Data.Answers;
using OpenData.Data.Questions;
using OpenData.Data.Stats;

namespace OpenData.Api.GraphQL.Types;

/// <summary>The status of a question; values are the REST API's, in GraphQL's constant case.</summary>
public sealed class QuestionStatusEnum : EnumerationGraphType
{
    public QuestionStatusEnum()
    {
        Name = "QuestionStatus";
        Description = "Where a question stands.";
        Add("AWAITING_ANSWER", "awaiting_answer", "No answer yet (REST: awaiting_answer).");
        Add("ANSWERED", "answered", "Answered by a minister (REST: answered).");
        Add("LAPSED", "lapsed", "Lapsed without answer, at the end of the legislature or of the minister's term (REST: lapsed).");
        Add("WITHDRAWN", "withdrawn", "Withdrawn by its author (REST: withdrawn).");
        Add("CONVERTED", "converted", "Converted into an oral question (REST: converted).");
    }
}

/// <summary>The kinds of question.</summary>
public sealed class QuestionNatureEnum : EnumerationGraphType
{
    public QuestionNatureEnum()
    {
        Name = "QuestionNature";
        Description = "Kind of question, by the Senate's code.";
        Add("QE", "QE", "Written question (question écrite).");
        Add("QOSD", "QOSD", "Oral question without debate (question orale sans débat).");
        Add("QOAD", "QOAD", "Oral question with debate (question orale avec débat).");
        Add("QOAE", "QOAE", "Oral question with debate on a European subject.");
        Add("QG", "QG", "Topical question to the government (question d'actualité).");
        Add("QC", "QC", "Questions cribles (thematic question time).");
    }
}

/// <summary>Orders of question lists, as REST's sort parameter.</summary>
public sealed class QuestionOrderEnum : EnumerationGraphType
{
    public QuestionOrderEnum()
    {
        Name = "QuestionOrder";
        Description = "Order of a question list; every order is stable (ties broken by id).";
        Add("PUBLISHED_AT_DESC", QuestionSort.PublishedDesc, "Newest first (REST: -publishedAt, the default).");
        Add("PUBLISHED_AT", QuestionSort.PublishedAsc, "Oldest first (REST: publishedAt).");
        Add("ANSWERED_AT_DESC", QuestionSort.AnsweredDesc, "Latest answers first, unanswered last (REST: -answeredAt).");
        Add("ANSWER_DELAY_DAYS", QuestionSort.DelayAsc, "Quickest answers first, unanswered last (REST: answerDelayDays).");
        Add("ANSWER_DELAY_DAYS_DESC", QuestionSort.DelayDesc, "Slowest answers first, unanswered last (REST: -answerDelayDays).");
        Add("RELEVANCE", QuestionSort.Relevance, "Best full-text matches first; needs filter.q (REST: relevance).");
        Add("UPDATED_AT_DESC", QuestionSort.UpdatedDesc, "Latest changed first (REST: -updatedAt).");
        Add("UPDATED_AT", QuestionSort.UpdatedAsc, "Earliest changed first (REST: updatedAt).");
    }
}

/// <summary>Orders of answer lists.</summary>
public sealed class AnswerOrderEnum : EnumerationGraphType
{
    public AnswerOrderEnum()
    {
        Name = "AnswerOrder";
        Description = "Order of an answer list; every order is stable (ties broken by question id).";
        Add("PUBLISHED_AT_DESC", AnswerSort.PublishedDesc, "Newest first (the default).");
        Add("PUBLISHED_AT", AnswerSort.PublishedAsc, "Oldest first.");
        Add("DELAY_DAYS", AnswerSort.DelayAsc, "Quickest answers first.");
        Add("DELAY_DAYS_DESC", AnswerSort.DelayDesc, "Slowest answers first.");
        Add("UPDATED_AT_DESC", AnswerSort.UpdatedDesc, "Latest changed first (REST: -updatedAt).");
        Add("UPDATED_AT", AnswerSort.UpdatedAsc, "Earliest changed first (REST: updatedAt).");
    }
}

/// <summary>Periods of a timeline.</summary>
public sealed class TimelineIntervalEnum : EnumerationGraphType
{
    public TimelineIntervalEnum()
    {
        Name = "TimelineInterval";
        Description = "Length of the periods of a timeline.";
        Add("MONTH", StatsInterval.Month, "Calendar months (period \"2024-06\").");
        Add("YEAR", StatsInterval.Year, "Calendar years (period \"2024\").");
    }
}
