namespace OpenData.Data.Questions;

/// <summary>
/// What a question's columns mean, stated once for every query that needs it (the lists and their filter, the
/// GraphQL fields, the live statistics): each is an SQL predicate on a question row aliased <c>row</c>.
/// </summary>
internal static class QuestionPredicates
{
    /// <summary>A written question still awaiting its answer after its deadline (never null: false without a deadline).</summary>
    public static string Overdue(string row) => $"coalesce({row}.status = 'awaiting_answer' AND {row}.deadline < current_date, false)";

    /// <summary>An answered question.</summary>
    public static string Answered(string row) => $"{row}.status = 'answered'";

    /// <summary>A question still awaiting its answer.</summary>
    public static string Awaiting(string row) => $"{row}.status = 'awaiting_answer'";

    /// <summary>A question answered on or before its deadline.</summary>
    public static string AnsweredWithinDeadline(string row) => $"{Answered(row)} AND {row}.answered_at <= {row}.deadline";
}
