using OpenData.Data.Reading;
using OpenData.Data.Stats;

namespace OpenData.Data.Graph;

/// <summary>MinistryStats and TimelineBucket, on the statements of REST's statistics.</summary>
internal sealed class StatsGraph : DeclaredGraph
{
    public static string MinistryStats(GraphCompiler c, FieldRead f, StatsFilter filter)
    {
        var sql = StatsQueries.MinistryStatsSql(filter, c.Batch, AsksTimeToAnswer(f));
        var s = c.Alias("st");
        return JsonSql.Array(c.NestedList(c.Bounds.Ministries, () => c.Object(Ministry, s, f.Selection, NodeContext.None)), $"({sql}) {s}", $"{s}.questions DESC, {s}.ministry_id");
    }

    public static string Timeline(GraphCompiler c, FieldRead f, TimelineArguments args)
    {
        var sql = StatsQueries.TimelineSql(args.Filter, args.Interval, c.Batch, c.Bounds, AsksTimeToAnswer(f));
        var s = c.Alias("tl");
        return JsonSql.Array(c.NestedList(c.Bounds.Months, () => c.Object(Period, s, f.Selection, NodeContext.None)), $"({sql}) {s}", $"{s}.period");
    }

    /// <summary>Whether a list of statistics selects timeToAnswer: the Kaplan-Meier delays are computed only then.</summary>
    private static bool AsksTimeToAnswer(FieldRead list) => list.Selection.Any(s => s.Field == "timeToAnswer");

    public override ObjectDeclaration Declaration { get; } = new("MinistryStats", "How a ministry handled the questions it had to answer: those addressed to it, or transferred to it (a transferred question counts for the ministry it was transferred to, not the one it was first addressed to).",
    [
        GraphField.Compiled("ministry", "Ministry", "The ministry; null when the ministries file does not list it (see ministryId and ministryName).", (c, r, f, context) => MinistryGraph.ById(c, $"{r}.ministry_id", f)),
        GraphField.Column("ministryId", "ID!", "The ministry's id.", r => $"{r}.ministry_id::text"),
        GraphField.Column("ministryName", "String", "The ministry's short name.", r => $"{r}.ministry_name"),
        GraphField.Column("questions", "Int!", "Questions it had to answer.", r => $"{r}.questions"),
        GraphField.Column("answered", "Int!", "Questions answered.", r => $"{r}.answered"),
        GraphField.Column("answeredWithinDeadline", "Int!", "Questions answered on or before their deadline: two months after publication (one month plus the one-month extension a minister may claim). Only written questions (QE) have a deadline.", r => $"{r}.answered_within_deadline"),
        GraphField.Column("awaiting", "Int!", "Questions still awaiting an answer.", r => $"{r}.awaiting"),
        GraphField.Column("overdue", "Int!", "Questions still awaiting an answer after their deadline, as of today.", r => $"{r}.overdue"),
        GraphField.Column("medianDelayDays", "Float", "Median number of days from publication to answer of the answered questions only, to one decimal; null when none was answered. A ministry that leaves many questions unanswered looks fast by it: see timeToAnswer.", r => $"{r}.median_delay_days::float8"),
        GraphField.Column("p90DelayDays", "Float", "90th percentile (continuous) of the days from publication to answer of the answered questions only, to one decimal; null when none was answered.", r => $"{r}.p90_delay_days::float8"),
        GraphField.Compiled("timeToAnswer", "TimeToAnswer!", TimeToAnswer.Declaration.Description, (c, r, f, context) => c.Object(TimeToAnswer, r, f.Selection, context)),
    ]);

    /// <summary>The Kaplan-Meier delays of a row of statistics (a ministry's, a period's), over its questions.</summary>
    public static readonly DeclaredGraph TimeToAnswer = new RowGraph(new("TimeToAnswer", "The delay until an answer counting the questions still waiting (Kaplan-Meier, days): each question answered at its delay, each unanswered one censored at its closedAt or, still awaiting, at the dataset's asOf.",
    [
        GraphField.Column("median", "Int", "Days until half the questions are answered, by the Kaplan-Meier curve; null when the curve never falls to 0.5 (more than half may never be answered).", r => $"{r}.time_to_answer_median"),
        GraphField.Column("p90", "Int", "Days until 90 % are answered, by the curve; null when it never falls to 0.1.", r => $"{r}.time_to_answer_p90"),
        GraphField.Column("n", "Int!", "Questions counted: the row's questions (a timeline's: those published in the period).", r => $"{r}.time_to_answer_n"),
        GraphField.Column("answered", "Int!", "Of them, answered (an event at its delay).", r => $"{r}.time_to_answer_answered"),
        GraphField.Column("censored", "Int!", "Of them, not answered (censored at closedAt or asOf).", r => $"({r}.time_to_answer_n - {r}.time_to_answer_answered)"),
    ]));

    // After TimeToAnswer, whose description its declaration reads (static fields are set in the order written).
    public static readonly StatsGraph Ministry = new();

    public static readonly DeclaredGraph Period = new RowGraph(new("TimelineBucket", "Questions published and questions answered in one period.",
    [
        GraphField.Column("period", "String!", "The month (\"2024-06\") or year (\"2024\").", r => $"{r}.period"),
        GraphField.Column("questions", "Int!", "Questions matching the filters published in the period.", r => $"{r}.questions"),
        GraphField.Column("answers", "Int!", "Questions matching the filters answered in the period.", r => $"{r}.answers"),
        GraphField.Compiled("timeToAnswer", "TimeToAnswer!", "The delay until an answer of the questions published in the period, counting those still waiting (Kaplan-Meier): n is the period's questions.", (c, r, f, context) => c.Object(TimeToAnswer, r, f.Selection, context)),
    ]));
}
