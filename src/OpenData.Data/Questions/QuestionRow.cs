namespace OpenData.Data.Questions;

/// <summary>A question as read from the served table: flat, one column per field.</summary>
public record QuestionRow
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
    public DateOnly PublishedAt { get; init; }
    public int? JournalPage { get; init; }
    public required string AuthorId { get; init; }
    public required string AuthorName { get; init; }
    public string? AuthorCivility { get; init; }
    public string? AuthorGroup { get; init; }
    /// <summary>The group's label (its code when the groups table does not list it); read by the REST statements only.</summary>
    public string? AuthorGroupLabel { get; init; }
    public string? AuthorConstituency { get; init; }
    public long? MinistryId { get; init; }
    public string? MinistryName { get; init; }
    public long? TransferMinistryId { get; init; }
    public string? TransferMinistryName { get; init; }
    public DateOnly? TransferredAt { get; init; }
    public long? AnswerMinistryId { get; init; }
    public string? AnswerMinistryName { get; init; }
    public DateOnly? AnsweredAt { get; init; }
    public int? AnswerDelayDays { get; init; }
    public DateOnly? Deadline { get; init; }
    public bool Overdue { get; init; }
    /// <summary>The date it was closed without an answer (<see cref="QuestionEvents.ClosedAt"/>).</summary>
    public DateOnly? ClosedAt { get; init; }
    public string? RemindsQuestionId { get; init; }
    public DateOnly? RemindedAt { get; init; }
    public string? Url { get; init; }
    /// <summary>When the dataset that last changed the question landed (UTC).</summary>
    public DateTime UpdatedAt { get; init; }
    /// <summary>With a full-text search: an excerpt with the matched words between &lt;mark&gt; and &lt;/mark&gt;.</summary>
    public string? Highlight { get; init; }
    /// <summary>The cursor that resumes the list after this row (see <see cref="Paging.Keyset"/>); null when not read as a page.</summary>
    public string? Cursor { get; init; }
}

/// <summary>A question with its minister's answer (null while there is none) and the later questions that remind it, oldest first.</summary>
public sealed record QuestionDetail(QuestionRow Question, Answers.AnswerRow? Answer, IReadOnlyList<Reminder> Reminders, IReadOnlyList<QuestionEvent> Events);

/// <summary>A question that reminds another: its reference, publication date and title.</summary>
public sealed record Reminder(string Id, DateOnly PublishedAt, string? Title);

/// <summary>The row of the detail statement: the question, its answer as JSON and its reminders as parallel arrays.</summary>
internal sealed record QuestionDetailRow : QuestionRow
{
    private static readonly System.Text.Json.JsonSerializerOptions AnswerJsonOptions = new() { PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower };

    public string? AnswerJson { get; init; }
    public string[]? ReminderIds { get; init; }
    public DateOnly[]? ReminderDates { get; init; }
    public string?[]? ReminderTitles { get; init; }
    public string? EventsJson { get; init; }

    public QuestionDetail ToDetail() => new(
        this,
        AnswerJson is null ? null : System.Text.Json.JsonSerializer.Deserialize<Answers.AnswerRow>(AnswerJson, AnswerJsonOptions),
        ReminderIds is null ? [] : [.. ReminderIds.Select((id, i) => new Reminder(id, ReminderDates![i], ReminderTitles![i]))],
        EventsJson is null ? [] : System.Text.Json.JsonSerializer.Deserialize<List<QuestionEvent>>(EventsJson, AnswerJsonOptions)!);
}
