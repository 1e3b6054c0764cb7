namespace OpenData.Data.Stats;

/// <summary>
/// Filters of the per-ministry statistics. Every field is optional; all combine with AND.
/// </summary>
public sealed record StatsFilter
{
    /// <summary>Written questions (QE): the only kind with the Senate's two-month deadline.</summary>
    public static readonly IReadOnlyList<string> DefaultNatures = ["QE"];

    public int? Legislature { get; init; }
    /// <summary>Questions published on or after this date.</summary>
    public DateOnly? From { get; init; }
    /// <summary>Questions published on or before this date.</summary>
    public DateOnly? To { get; init; }
    /// <summary>true: only the ministries in office (no end date); false: only those no longer in office; null: all.</summary>
    public bool? Current { get; init; }
    /// <summary>
    /// Kinds of question counted. Defaults to written questions only (QE), since only they have the
    /// two-month deadline that answeredWithinDeadline and overdue measure; an empty list also means QE.
    /// </summary>
    public IReadOnlyList<string> Natures { get; init; } = DefaultNatures;

    public IReadOnlyList<string> EffectiveNatures => Natures.Count > 0 ? Natures : DefaultNatures;
}

/// <summary>How a ministry handled the questions it had to answer.</summary>
public sealed record MinistryStatsRow
{
    public long MinistryId { get; init; }
    public string? MinistryName { get; init; }
    public DateOnly? MinistryStartDate { get; init; }
    public DateOnly? MinistryEndDate { get; init; }
    public long Questions { get; init; }
    public long Answered { get; init; }
    public long AnsweredWithinDeadline { get; init; }
    public long Awaiting { get; init; }
    public long Overdue { get; init; }
    public decimal? MedianDelayDays { get; init; }
    public decimal? P90DelayDays { get; init; }
    public int? TimeToAnswerMedian { get; init; }
    public int? TimeToAnswerP90 { get; init; }
    public long TimeToAnswerN { get; init; }
    public long TimeToAnswerAnswered { get; init; }
    public TimeToAnswerFigures TimeToAnswer => new(TimeToAnswerMedian, TimeToAnswerP90, TimeToAnswerN, TimeToAnswerAnswered);
}

/// <summary>
/// Kaplan-Meier delays until an answer over N questions (TimeToAnswerSql): the median and 90th percentile in days, null
/// where the curve never falls to 0.5 or 0.1; of the N, those answered; the others censored.
/// </summary>
public sealed record TimeToAnswerFigures(int? Median, int? P90, long N, long Answered)
{
    public long Censored => N - Answered;
}

/// <summary>Questions published and questions answered in one period of a timeline.</summary>
public sealed record TimelineRow
{
    /// <summary>"2024-06" for a month, "2024" for a year.</summary>
    public required string Period { get; init; }
    public long Questions { get; init; }
    public long Answers { get; init; }
    /// <summary>The Kaplan-Meier delays of the questions published in the period.</summary>
    public int? TimeToAnswerMedian { get; init; }
    public int? TimeToAnswerP90 { get; init; }
    public long TimeToAnswerN { get; init; }
    public long TimeToAnswerAnswered { get; init; }
    public TimeToAnswerFigures TimeToAnswer => new(TimeToAnswerMedian, TimeToAnswerP90, TimeToAnswerN, TimeToAnswerAnswered);
}

public enum StatsInterval { Month, Year }
