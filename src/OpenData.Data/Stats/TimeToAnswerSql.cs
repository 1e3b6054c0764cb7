using OpenData.Data.Datasets;
using OpenData.Data.Questions;

namespace OpenData.Data.Stats;

/// <summary>
/// What each question contributes to the Kaplan-Meier delays of the statistics computed live (the import computes the
/// default ones alike: migration 0011's compute_time_to_answer): answered, an event at its delay; otherwise censored at
/// its closedAt, else at the data's asOf. The estimate itself is opendata_meta.time_to_answer (migration 0011).
/// </summary>
internal static class TimeToAnswerSql
{
    /// <summary>The joins <see cref="Days"/> reads for the question row <paramref name="q"/> (its closedAt, for many rows at once).</summary>
    public static string Joins(string q) => QuestionEvents.ClosedAtJoins(q);

    /// <summary>Days to the answer, or to the censoring.</summary>
    public static string Days(string q) =>
        $"CASE WHEN {QuestionPredicates.Answered(q)} THEN coalesce({q}.answer_delay_days, 0) ELSE coalesce({QuestionEvents.ClosedAtJoined(q)}, {DatasetQueries.AsOf}) - {q}.published_at END";

    /// <summary>The estimate over arrays of <see cref="Days"/> and <see cref="QuestionPredicates.Answered"/>: a row (median, p90) to join laterally.</summary>
    public static string Estimate(string days, string answered) => $"opendata_meta.time_to_answer({days}, {answered})";
}
