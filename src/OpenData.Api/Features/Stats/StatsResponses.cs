using OpenData.Api.Rest;
using OpenData.Data.Stats;

namespace OpenData.Api.Features.Stats;

/// <summary>
/// How a ministry handled the questions it had to answer: those addressed to it, or transferred to it
/// (a transferred question counts for the ministry it was transferred to, not the one it was first addressed to).
/// </summary>
/// <param name="Ministry">The ministry handling the questions, with its dates in office (ministries of successive governments share names).</param>
/// <param name="Questions">Questions it had to answer.</param>
/// <param name="Answered">Questions answered.</param>
/// <param name="AnsweredWithinDeadline">Questions answered on or before their deadline: two months after publication (one month plus the one-month extension a minister may claim). Only written questions (QE) have a deadline.</param>
/// <param name="Awaiting">Questions still awaiting an answer.</param>
/// <param name="Overdue">Questions still awaiting an answer after their deadline, as of today.</param>
/// <param name="MedianDelayDays">Median number of days from publication to answer of the answered questions only, to one decimal; null when none was answered. A ministry that leaves many questions unanswered looks fast by it: see timeToAnswer.</param>
/// <param name="P90DelayDays">90th percentile (continuous) of the days from publication to answer of the answered questions only, to one decimal; null when none was answered.</param>
/// <param name="TimeToAnswer">The delay until an answer counting the questions still waiting: Kaplan-Meier estimates over the questions of links.questions.</param>
/// <param name="Links">Links to the ministry, and for each count, the question list whose meta.total it is.</param>
public sealed record MinistryStatsResponse(
    MinistryPeriod Ministry,
    long Questions,
    long Answered,
    long AnsweredWithinDeadline,
    long Awaiting,
    long Overdue,
    decimal? MedianDelayDays,
    decimal? P90DelayDays,
    TimeToAnswer TimeToAnswer,
    MinistryStatsLinks Links)
{
    /// <summary>A row, with the lists that count as it does: the questions in the ministry's charge, under the same filters.</summary>
    public static MinistryStatsResponse From(MinistryStatsRow r, StatsFilter filter)
    {
        var list = "/v1/questions?" + string.Join('&', new[]
            {
                $"handledBy={r.MinistryId}",
                $"nature={string.Join(',', filter.EffectiveNatures)}",
                filter.Legislature is { } legislature ? $"legislature={legislature}" : null,
                filter.From is { } from ? $"publishedFrom={from:yyyy-MM-dd}" : null,
                filter.To is { } to ? $"publishedTo={to:yyyy-MM-dd}" : null,
            }.OfType<string>());
        return new(
            new MinistryPeriod(r.MinistryId, r.MinistryName, r.MinistryStartDate, r.MinistryEndDate), r.Questions, r.Answered, r.AnsweredWithinDeadline, r.Awaiting, r.Overdue,
            r.MedianDelayDays, r.P90DelayDays, TimeToAnswer.From(r.TimeToAnswer),
            new MinistryStatsLinks($"/v1/ministries/{r.MinistryId}", list, list + "&status=answered", list + "&status=awaiting_answer", list + "&overdue=true"));
    }

    public static readonly IReadOnlyList<CsvColumn<MinistryStatsResponse>> CsvColumns =
    [
        new("ministryId", s => s.Ministry.Id), new("ministryName", s => s.Ministry.Name),
        new("ministryStartDate", s => s.Ministry.StartDate), new("ministryEndDate", s => s.Ministry.EndDate), new("questions", s => s.Questions),
        new("answered", s => s.Answered), new("answeredWithinDeadline", s => s.AnsweredWithinDeadline), new("awaiting", s => s.Awaiting),
        new("overdue", s => s.Overdue), new("medianDelayDays", s => s.MedianDelayDays), new("p90DelayDays", s => s.P90DelayDays),
        new("timeToAnswerMedian", s => s.TimeToAnswer.Median), new("timeToAnswerP90", s => s.TimeToAnswer.P90),
    ];
}

/// <summary>
/// The delay until an answer as a time-to-event (Kaplan-Meier), over the n questions of the row (a ministry's: its links.questions): a
/// question answered counts at its delay; one not answered is censored, at its closedAt (lapsed, withdrawn, converted)
/// or, still awaiting, at the dataset's asOf, so that the questions still waiting count instead of being left out.
/// </summary>
/// <param name="Median">Days until half the questions are answered, by the Kaplan-Meier curve; null when the curve never falls to 0.5 (more than half may never be answered).</param>
/// <param name="P90">Days until 90 % are answered, by the curve; null when it never falls to 0.1.</param>
/// <param name="N">Questions counted: the row's questions (a timeline's: those published in the period).</param>
/// <param name="Answered">Of them, answered (an event at its delay).</param>
/// <param name="Censored">Of them, not answered (censored at closedAt or asOf).</param>
public sealed record TimeToAnswer(int? Median, int? P90, long N, long Answered, long Censored)
{
    public static TimeToAnswer From(TimeToAnswerFigures f) => new(f.Median, f.P90, f.N, f.Answered, f.Censored);
}

/// <summary>
/// Links of a ministry's statistics: one counting rule, visible. Each count is the meta.total of its list (questions in
/// the ministry's charge, handledBy, of the kinds and period counted); answeredWithinDeadline has no list filter.
/// </summary>
/// <param name="Ministry">The API URL of the ministry.</param>
/// <param name="Questions">The questions counted in questions.</param>
/// <param name="Answered">The questions counted in answered.</param>
/// <param name="Awaiting">The questions counted in awaiting.</param>
/// <param name="Overdue">The questions counted in overdue (as of today).</param>
public sealed record MinistryStatsLinks(string Ministry, string Questions, string Answered, string Awaiting, string Overdue);

/// <summary>Statistics of every ministry matching the filters, most questions first (no paging: one row per ministry).</summary>
/// <param name="Data">One row per ministry, by number of questions (descending), then ministry id.</param>
/// <param name="Meta">What describes the whole list.</param>
public sealed record MinistryStatsListResponse(IReadOnlyList<MinistryStatsResponse> Data, MinistryStatsMeta Meta);

/// <summary>What describes the ministry statistics.</summary>
/// <param name="Total">Number of ministries listed.</param>
/// <param name="Natures">The kinds of question counted: the nature parameter, or QE (written questions) by default.</param>
/// <param name="Empty">Why the list is empty, in words (the filters that select nothing); null when it is not.</param>
public sealed record MinistryStatsMeta(long Total, IReadOnlyList<string> Natures, string? Empty)
{
    public static MinistryStatsMeta Of(int rows, StatsFilter filter) => new(rows, filter.EffectiveNatures, rows > 0 ? null : string.Join(" ", new[]
    {
        $"No question of the kinds counted ({string.Join(", ", filter.EffectiveNatures)})",
        filter.From is { } from ? $"published from {from:yyyy-MM-dd}" : null,
        filter.To is { } to ? $"published until {to:yyyy-MM-dd}" : null,
        filter.Legislature is { } legislature ? $"in legislature {legislature}" : null,
        filter.Current switch { true => "is handled by a ministry in office", false => "is handled by a ministry no longer in office", _ => "is in this dataset" },
    }.OfType<string>()) + ": no ministry has figures for these filters.");
}

/// <summary>Questions published and questions answered in one period.</summary>
/// <param name="Period">The month ("2024-06") or year ("2024").</param>
/// <param name="Questions">Questions matching the filters published in the period.</param>
/// <param name="Answers">Questions matching the filters answered in the period.</param>
/// <param name="TimeToAnswer">The delay until an answer of the questions published in the period, counting those still waiting (Kaplan-Meier): n is the period's questions.</param>
public sealed record TimelinePeriodResponse(string Period, long Questions, long Answers, TimeToAnswer TimeToAnswer)
{
    public static TimelinePeriodResponse From(TimelineRow r) => new(r.Period, r.Questions, r.Answers, TimeToAnswer.From(r.TimeToAnswer));

    public static readonly IReadOnlyList<CsvColumn<TimelinePeriodResponse>> CsvColumns =
    [
        new("period", p => p.Period), new("questions", p => p.Questions), new("answers", p => p.Answers),
        new("timeToAnswerMedian", p => p.TimeToAnswer.Median), new("timeToAnswerP90", p => p.TimeToAnswer.P90),
    ];
}

/// <summary>A timeline: one row per period, oldest first, without gaps (periods with no event have zero counts).</summary>
/// <param name="Data">The periods, from the first with a published or answered question to the last.</param>
/// <param name="Meta">What describes the whole timeline.</param>
public sealed record TimelineResponse(IReadOnlyList<TimelinePeriodResponse> Data, TimelineMeta Meta);

/// <summary>What describes a timeline.</summary>
/// <param name="Total">Number of periods.</param>
/// <param name="Interval">month or year.</param>
/// <param name="Empty">Why the timeline is empty, in words; null when it is not.</param>
public sealed record TimelineMeta(long Total, string Interval, string? Empty);
