namespace OpenData.Data.Answers;

/// <summary>A minister's answer, as read from the served table.</summary>
public sealed record AnswerRow
{
    public required string QuestionId { get; init; }
    public DateOnly PublishedAt { get; init; }
    public string? Text { get; init; }
    public int? DelayDays { get; init; }
    public long? MinistryId { get; init; }
    public string? MinistryName { get; init; }
    public int? JournalPage { get; init; }
    public string? Url { get; init; }
    public string? CommonAnswerId { get; init; }
    public required string[] SharedWith { get; init; }
    public int? ErratumPage { get; init; }
    public DateOnly? ErratumDate { get; init; }
    public string? ErratumText { get; init; }
    /// <summary>When the dataset that last changed the answer landed (UTC).</summary>
    public DateTime UpdatedAt { get; init; }
    /// <summary>The cursor that resumes the list after this row (see <see cref="Paging.Keyset"/>); null when not read as a page.</summary>
    public string? Cursor { get; init; }
}

/// <summary>Filters of the answers list.</summary>
public sealed record AnswerFilter
{
    public string? Q { get; init; }
    public long? Ministry { get; init; }
    public DateOnly? PublishedFrom { get; init; }
    public DateOnly? PublishedTo { get; init; }
    public DateTimeOffset? UpdatedSince { get; init; }

    /// <summary>Whether it searches the answers' texts (a query of more than blanks).</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Q))]
    public bool Searches => !string.IsNullOrWhiteSpace(Q);
}

public enum AnswerSort { PublishedDesc, PublishedAsc, DelayAsc, DelayDesc, UpdatedDesc, UpdatedAsc }
