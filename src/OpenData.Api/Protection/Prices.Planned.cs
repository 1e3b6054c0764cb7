using System.Globalization;
using OpenData.Data.Reading;

namespace OpenData.Api.Protection;

// The prices of statements priced by PostgreSQL's planner: its estimated cost (or rows) at each kind's rate.
public static partial class Prices
{
    /// <summary>
    /// Units of PostgreSQL's planner cost per permit for reading rows: counting the questions or answers a filter selects,
    /// reading the figures the import computed. Such statements are priced by the total cost the planner estimates for
    /// them, planned for their values (<see cref="PlannedStatement.Cost"/>). Measured at 300,000 questions: 35–150 units
    /// a millisecond (a theme and a date range 35, a status and a date range 100, a date range alone 150, the import's
    /// statistics 100–200; bench/calibration): 12 a permit keeps them within 0.5–2× of their time.
    /// </summary>
    public const int ReadCostPerPermit = 12;
    /// <summary>
    /// Units of planner cost per permit for the statements that read rows through the index of one key or one period and
    /// nothing else: counting a senator's or a ministry's questions, a page of them (or of questions answered in a period)
    /// read whole by that index and sorted. Measured at 300,000 questions: a ministry's questions in rotation (count and
    /// page, estimated cost 200–400 each) 2.97–3.8 ms of PostgreSQL for a mean price of 68.5 at 12 a permit (2.2–2.3×
    /// their time): about 200 units a millisecond.
    /// </summary>
    public const int IndexReadCostPerPermit = 20;
    /// <summary>
    /// Units of planner cost per permit for statistics computed from the filtered questions, priced the same way, without
    /// the Kaplan-Meier delays (<see cref="PlannedWork.Statistics"/>). Measured at 300,000 questions on a warm connection:
    /// every question since 1978 (cost 110,400) 507 ms, a year and a half (cost 7,470) 14 ms: 33 a permit prices them at
    /// 0.66× and 1.6× their time.
    /// </summary>
    public const int StatisticsCostPerPermit = 33;
    /// <summary>
    /// Units of planner cost per permit for statistics with their Kaplan-Meier delays (<see cref="PlannedWork.StatisticsWithDelays"/>,
    /// REST's always): the planner counts neither the percentiles' sorts nor the delays' arrays. Measured as above: every
    /// question since 1978 (cost 122,850) 549 ms, since 2010 (cost 60,000) 310–470 ms, a year and a half (cost 7,260)
    /// 23 ms: 20 a permit prices them at 0.64–1.6× their time.
    /// </summary>
    public const int StatisticsWithDelaysCostPerPermit = 20;
    /// <summary>
    /// Units of planner cost per permit for a timeline computed from the filtered questions. Without the Kaplan-Meier
    /// delays its groupings are estimated dearer than they run (a theme's: cost 36,700 for 64–80 ms at 300,000 questions,
    /// about 500 a millisecond); the delays' arrays and estimates run dearer than estimated (written questions since 1990,
    /// by month: cost 87,400 for 410 ms, about 210 a millisecond). 25 a permit keeps both within 0.5–2× of their time.
    /// </summary>
    public const int TimelineCostPerPermit = 25;
    /// <summary>
    /// The least a live timeline costs, whatever its filter selects: its statement is planned for its values at every
    /// request, and planning it takes longer than running it when the filter selects little (a search matching nothing,
    /// monthly or yearly, at 300,000 questions: parsed in 0.4–0.6 ms, planned in 1.1–1.7 ms, run in 0.03–0.1 ms).
    /// </summary>
    public const int LiveTimeline = 20;
    /// <summary>
    /// Each statement PostgreSQL's planner estimated for a request refused for its price (a new search's matches, a new
    /// count's or aggregate's cost: 0.3–1 ms of planning each, at most 5 a request): what such a request pays beyond its
    /// own permit. A request that runs pays its price, which its estimates set, and the same price every time: each planned
    /// statement at least this much, for the estimate it needed once.
    /// </summary>
    public const int Estimate = 5;
    /// <summary>
    /// Planned statements not yet estimated (beyond the 4 a request estimates, or when the dataset changed meanwhile) are
    /// priced at what the widest filter makes them cost at 300,000 questions, so that none runs cheap: a count of every
    /// question (30–100 ms), statistics over every written question (0.9–2.2 s), a timeline of every question.
    /// </summary>
    public const int UnestimatedCount = 1_000;
    /// <inheritdoc cref="UnestimatedCount"/>
    public const int UnestimatedStatistics = 10_000;
    /// <inheritdoc cref="UnestimatedCount"/>
    public const int UnestimatedTimeline = 3_000;

    /// <summary>
    /// The price of a planned statement: its estimated cost at <see cref="ReadCostPerPermit"/>,
    /// <see cref="StatisticsCostPerPermit"/>, <see cref="StatisticsWithDelaysCostPerPermit"/> or <see cref="TimelineCostPerPermit"/> (at least <see cref="Estimate"/>, <see cref="KeyCount"/> for a count by an index),
    /// the import's figures by their estimated rows at <see cref="FigureRowsPerPermit"/> (at least 2: they come in three
    /// variants, current ministries or not or all, each planned once a dataset); before it is
    /// estimated, its kind's price on a dataset of <paramref name="questions"/>; its least with <paramref name="least"/>.
    /// </summary>
    public static (long Price, string What) Planned(PlannedStatement planned, long questions, bool least = false)
    {
        // What it is, its rate, its least price, and its price until estimated.
        // At least Estimate: the statement was planned once to price it (0.3–1 ms), and a client sending a new filter
        // each time makes that happen at every request.
        var (what, perPermit, floor, unestimated) = planned.Work switch
        {
            PlannedWork.Count => ("counting the rows a filter selects", ReadCostPerPermit, Estimate, Scaled(UnestimatedCount, questions)),
            // The page of one senator's or one ministry's questions in order comes with the count: at least KeyCount.
            PlannedWork.KeyCount => ("counting by an index", IndexReadCostPerPermit, KeyCount, KeyCount),
            PlannedWork.SortedPage => ("reading and sorting every row the filter selects for a page", IndexReadCostPerPermit, Estimate, Scaled(UnestimatedCount, questions)),
            PlannedWork.Statistics => ("computing statistics from the filtered questions", StatisticsCostPerPermit, Estimate, Scaled(UnestimatedStatistics, questions)),
            PlannedWork.StatisticsWithDelays => ("computing statistics and delays from the filtered questions", StatisticsWithDelaysCostPerPermit, Estimate, Scaled(UnestimatedStatistics, questions)),
            PlannedWork.Timeline => ("computing a timeline from the filtered questions", TimelineCostPerPermit, LiveTimeline, Scaled(UnestimatedTimeline, questions)),
            // At least 2: the statement, however few its rows (the 32 current ministries' statistics: 0.23–0.56 ms).
            _ => ("reading the figures the import computed", FigureRowsPerPermit, 2, (long)Estimate),
        };
        if (least) return (Math.Min(floor, unestimated), what);
        if (planned.Cost is not { } cost) return (unestimated, what + " (not yet estimated)");
        var price = (long)Math.Max(floor, Math.Ceiling(Math.Min(Math.Max(0, cost) / perPermit, long.MaxValue / 4)));
        return (price, string.Create(CultureInfo.InvariantCulture, $"{what}, estimated {(planned.Work == PlannedWork.Figures ? "rows" : "cost")} {Math.Round(cost)}"));
    }

    /// <summary>
    /// The price of the planner's estimates made for <paramref name="work"/>, paid when it is refused for its price: each
    /// <see cref="Estimate"/>, a live timeline's <see cref="LiveTimeline"/> (refused timelines of a common word, each new,
    /// took 1.9 ms of PostgreSQL a request at 300,000 questions, the search's estimate included: at 11 permits a client
    /// spent 1.75 times its window's time on them).
    /// </summary>
    public static long Estimating(BatchWork work) =>
        (long)(work.Estimated - work.EstimatedTimelines) * Estimate + (long)work.EstimatedTimelines * LiveTimeline;
}
