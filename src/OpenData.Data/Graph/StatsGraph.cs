using OpenData.Data.Reading;
using OpenData.Data.Stats;

namespace OpenData.Data.Graph;

/// <summary>MinistryStats and TimelineBucket, on the statements of REST's statistics.</summary>
internal sealed class StatsGraph : GraphObject
{
    private static readonly StatsGraph Ministry = new();
    private static readonly Bucket Period = new();

    public static string MinistryStats(GraphCompiler c, FieldRead f, StatsFilter filter)
    {
        var (sql, live) = StatsQueries.MinistryStatsSql(filter, c.Where(), AsksTimeToAnswer(f));
        if (live)
        {
            c.Batch.PlanForValues = true;
            c.Work.Plan(AsksTimeToAnswer(f) ? PlannedWork.StatisticsWithDelays : PlannedWork.Statistics, sql, c.Batch.Parameters);
        }
        var s = c.Alias("st");
        return JsonSql.Array(c.NestedList(c.Bounds.Ministries, () => c.Object(Ministry, s, f.Selection, NodeContext.None)), $"({sql}) {s}", $"{s}.questions DESC, {s}.ministry_id");
    }

    public static string Timeline(GraphCompiler c, FieldRead f, TimelineArguments args)
    {
        var (sql, live) = StatsQueries.TimelineSql(args.Filter, args.Interval, c.Where(), AsksTimeToAnswer(f));
        if (live)
        {
            c.Batch.PlanForValues = true;
            c.Work.Plan(PlannedWork.Timeline, sql, c.Batch.Parameters, fullText: args.Filter.Searches);
        }
        var s = c.Alias("tl");
        return JsonSql.Array(c.NestedList(c.Bounds.Months, () => c.Object(Period, s, f.Selection, NodeContext.None)), $"({sql}) {s}", $"{s}.period");
    }

    /// <summary>Whether a list of statistics selects timeToAnswer: the Kaplan-Meier delays are computed only then.</summary>
    private static bool AsksTimeToAnswer(FieldRead list) => list.Selection.Any(s => s.Field == "timeToAnswer");

    public override string Field(GraphCompiler c, string r, FieldRead f, NodeContext context) => f.Field switch
    {
        "ministry" => MinistryGraph.ById(c, $"{r}.ministry_id", f),
        "ministryId" => $"{r}.ministry_id::text",
        "ministryName" => $"{r}.ministry_name",
        "questions" => $"{r}.questions",
        "answered" => $"{r}.answered",
        "answeredWithinDeadline" => $"{r}.answered_within_deadline",
        "awaiting" => $"{r}.awaiting",
        "overdue" => $"{r}.overdue",
        "medianDelayDays" => $"{r}.median_delay_days::float8",
        "p90DelayDays" => $"{r}.p90_delay_days::float8",
        "timeToAnswer" => c.Object(TimeToAnswer.Instance, r, f.Selection, context),
        _ => throw Unknown(f),
    };

    /// <summary>The Kaplan-Meier delays of a row of statistics (a ministry's, a period's), over its questions.</summary>
    private sealed class TimeToAnswer : GraphObject
    {
        public static readonly TimeToAnswer Instance = new();

        public override string Field(GraphCompiler c, string r, FieldRead f, NodeContext context) => f.Field switch
        {
            "median" => $"{r}.time_to_answer_median",
            "p90" => $"{r}.time_to_answer_p90",
            "n" => $"{r}.time_to_answer_n",
            "answered" => $"{r}.time_to_answer_answered",
            "censored" => $"({r}.time_to_answer_n - {r}.time_to_answer_answered)",
            _ => throw Unknown(f),
        };
    }

    private sealed class Bucket : GraphObject
    {
        public override string Field(GraphCompiler c, string r, FieldRead f, NodeContext context) => f.Field switch
        {
            "period" => $"{r}.period",
            "questions" => $"{r}.questions",
            "answers" => $"{r}.answers",
            "timeToAnswer" => c.Object(TimeToAnswer.Instance, r, f.Selection, context),
            _ => throw Unknown(f),
        };
    }
}
