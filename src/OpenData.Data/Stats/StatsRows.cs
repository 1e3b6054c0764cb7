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
    /// <summary>Kaplan-Meier median of the days to an answer over all the questions (the unanswered censored); null where the curve stays above 0.5.</summary>
    public int? TimeToAnswerMedian { get; init; }
    /// <summary>Kaplan-Meier 90th percentile of the days to an answer; null where the curve stays above 0.1.</summary>
    public int? TimeToAnswerP90 { get; init; }
}

/// <summary>Questions published and questions answered in one period of a timeline.</summary>
public sealed record TimelineRow
{
    /// <summary>"2024-06" for a month, "2024" for a year.</summary>
    public required string Period { get; init; }
    public long Questions { get; init; }
    public long Answers { get; init; }
}

public enum StatsInterval { Month, Year }
