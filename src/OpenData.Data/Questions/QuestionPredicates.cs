namespace OpenData.Data.Questions;

/// <summary>
/// What a question's columns mean, stated once for every query that needs it (the lists and their filter, the
/// GraphQL fields, the live statistics): each is an SQL predicate on a question row aliased <c>row</c>.
/// </summary>
internal static class QuestionPredicates
{
    /// <summary>A written question still awaiting its answer after its deadline (never null: false without a deadline).</summary>
    public static string Overdue(string row) => $"coalesce({OverdueWhere(row)}, false)";

    /// <summary>
    /// <see cref="Overdue"/> as a condition of a WHERE clause, where null is false already: in this form PostgreSQL finds
    /// the rows by the partial index of awaiting questions' deadlines (<c>questions_overdue</c>) instead of reading every
    /// question (the overdue questions' first page at 300,000 questions: a sequential scan, 5,500 permits).
    /// </summary>
    public static string OverdueWhere(string row) => $"{row}.status = 'awaiting_answer' AND {row}.deadline < current_date";

    /// <summary>An answered question.</summary>
    public static string Answered(string row) => $"{row}.status = 'answered'";

    /// <summary>A question still awaiting its answer.</summary>
    public static string Awaiting(string row) => $"{row}.status = 'awaiting_answer'";

    /// <summary>A question answered on or before its deadline.</summary>
    public static string AnsweredWithinDeadline(string row) => $"{Answered(row)} AND {row}.answered_at <= {row}.deadline";
}
