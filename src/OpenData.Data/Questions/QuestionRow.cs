namespace OpenData.Data.Questions;

/// <summary>A question as read from the served table: flat, one column per field.</summary>
public sealed record QuestionRow
{
    public required string Id { get; init; }
    public required string Number { get; init; }
    public int? Legislature { get; init; }
    public required string NatureCode { get; init; }
    public required string NatureLabel { get; init; }
    public required string Status { get; init; }
    public string? Title { get; init; }
    public string? Text { get; init; }
    public string? Topic { get; init; }
    public required int[] ThemeIds { get; init; }
    public required string[] ThemeLabels { get; init; }
    public DateTime PublishedAt { get; init; }
    public int? JournalPage { get; init; }
    public required string AuthorId { get; init; }
    public required string AuthorName { get; init; }
    public string? AuthorCivility { get; init; }
    public string? AuthorGroup { get; init; }
    public string? AuthorConstituency { get; init; }
    public long? MinistryId { get; init; }
    public string? MinistryName { get; init; }
    public long? TransferMinistryId { get; init; }
    public string? TransferMinistryName { get; init; }
    public DateTime? TransferredAt { get; init; }
    public long? AnswerMinistryId { get; init; }
    public string? AnswerMinistryName { get; init; }
    public DateTime? AnsweredAt { get; init; }
    public int? AnswerDelayDays { get; init; }
    public DateTime? Deadline { get; init; }
    public bool Overdue { get; init; }
    public string? RemindsQuestionId { get; init; }
    public DateTime? RemindedAt { get; init; }
    public required string Url { get; init; }
    public DateTime UpdatedAt { get; init; }
    /// <summary>With a full-text search: an excerpt with the matched words between &lt;mark&gt; and &lt;/mark&gt;.</summary>
    public string? Highlight { get; init; }
    /// <summary>The row's sort key values as text, for its cursor (see <see cref="Paging.Keyset"/>); empty when not read as a page.</summary>
    public string[] CursorKeys { get; init; } = [];
}
