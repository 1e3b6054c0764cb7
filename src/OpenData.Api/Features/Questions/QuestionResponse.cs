using System.Text.Json.Serialization;
using OpenData.Api.Rest;
using OpenData.Data.Questions;

namespace OpenData.Api.Features.Questions;

// A property documented by nothing here is described, in the OpenAPI document, by the GraphQL field of the same name
// (its declaration in OpenData.Data.Graph: Rest.DeclaredDescriptions), which means the same.
#pragma warning disable CS1573 // the parameters it describes are left out here

/// <summary>A written or oral question of a senator to a minister.</summary>
public record QuestionResponse
{
    /// <summary>The Senate's reference, its public identity (e.g. SEQ240611950).</summary>
    public required string Id { get; init; }
    public required string Number { get; init; }
    /// <summary>Legislature the question was published in.</summary>
    public int? Legislature { get; init; }
    /// <summary>Kind: QE written, QOSD oral without debate, QOAD/QOAE oral with debate, QG topical (actualité), QC questions cribles.</summary>
    public required CodeLabel Nature { get; init; }
    /// <summary>awaiting_answer, answered, lapsed, withdrawn or converted (into an oral question).</summary>
    public required string Status { get; init; }
    /// <summary>Title as published.</summary>
    public string? Title { get; init; }
    public string? Text { get; init; }
    public string? Topic { get; init; }
    public required IReadOnlyList<ThemeRef> Themes { get; init; }
    public DateOnly PublishedAt { get; init; }
    public int? JournalPage { get; init; }
    /// <summary>The author as at the time of the question (group and constituency then).</summary>
    public required AuthorSnapshot Author { get; init; }
    /// <summary>The ministry the question was addressed to.</summary>
    public MinistryRef? Ministry { get; init; }
    /// <summary>Set when the question was transferred to another ministry.</summary>
    public TransferInfo? Transfer { get; init; }
    public DateOnly? AnsweredAt { get; init; }
    public MinistryRef? AnsweredBy { get; init; }
    public int? AnswerDelayDays { get; init; }
    public DateOnly? Deadline { get; init; }
    public bool Overdue { get; init; }
    public DateOnly? ClosedAt { get; init; }
    /// <summary>The earlier, unanswered question this one reminds (rappel).</summary>
    public string? RemindsQuestionId { get; init; }
    /// <summary>When this question last changed in the API: the moment the import that changed it was first served (UTC).</summary>
    public DateTime UpdatedAt { get; init; }
    public required string? Url { get; init; }
    /// <summary>With q=: an excerpt of the title and text with the matched words between &lt;mark&gt; and &lt;/mark&gt;.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Highlight { get; init; }
    public required SelfLink Links { get; init; }

    public static QuestionResponse From(QuestionRow q) => new()
    {
        Id = q.Id,
        Number = q.Number,
        Legislature = q.Legislature,
        Nature = new CodeLabel(q.NatureCode, q.NatureLabel),
        Status = q.Status,
        Title = q.Title,
        Text = q.Text,
        Topic = q.Topic,
        Themes = q.ThemeIds.Zip(q.ThemeLabels, (id, label) => new ThemeRef(id, label)).ToList(),
        PublishedAt = q.PublishedAt,
        JournalPage = q.JournalPage,
        Author = new AuthorSnapshot(q.AuthorId, q.AuthorName, q.AuthorCivility,
            q.AuthorGroup is { } group ? new CodeLabel(group, q.AuthorGroupLabel ?? group) : null, q.AuthorConstituency, $"/v1/senators/{q.AuthorId}"),
        Ministry = MinistryRef.From(q.MinistryId, q.MinistryName),
        Transfer = q.TransferMinistryId is { } transferId ? new TransferInfo(new MinistryRef(transferId, q.TransferMinistryName), q.TransferredAt) : null,
        AnsweredAt = q.AnsweredAt,
        AnsweredBy = MinistryRef.From(q.AnswerMinistryId, q.AnswerMinistryName),
        AnswerDelayDays = q.AnswerDelayDays,
        Deadline = q.Deadline,
        Overdue = q.Overdue,
        ClosedAt = q.ClosedAt,
        RemindsQuestionId = q.RemindsQuestionId,
        UpdatedAt = Dates.Utc(q.UpdatedAt),
        Url = q.Url,
        Highlight = q.Highlight,
        Links = new SelfLink($"/v1/questions/{q.Id}"),
    };

    public static readonly IReadOnlyList<CsvColumn<QuestionResponse>> CsvColumns =
    [
        new("id", q => q.Id), new("number", q => q.Number), new("legislature", q => q.Legislature),
        new("natureCode", q => q.Nature.Code), new("natureLabel", q => q.Nature.Label), new("status", q => q.Status),
        new("title", q => q.Title), new("topic", q => q.Topic), new("themes", q => q.Themes.Select(t => t.Label)),
        new("publishedAt", q => q.PublishedAt), new("journalPage", q => q.JournalPage),
        new("authorId", q => q.Author.Id), new("authorName", q => q.Author.Name), new("authorCivility", q => q.Author.Civility),
        new("authorGroup", q => q.Author.Group?.Code), new("authorGroupLabel", q => q.Author.Group?.Label), new("authorConstituency", q => q.Author.Constituency),
        new("ministryId", q => q.Ministry?.Id), new("ministryName", q => q.Ministry?.Name),
        new("transferMinistryId", q => q.Transfer?.Ministry.Id), new("transferMinistryName", q => q.Transfer?.Ministry.Name),
        new("transferredAt", q => q.Transfer?.At), new("answeredAt", q => q.AnsweredAt),
        new("answeredById", q => q.AnsweredBy?.Id), new("answeredByName", q => q.AnsweredBy?.Name),
        new("answerDelayDays", q => q.AnswerDelayDays), new("deadline", q => q.Deadline), new("overdue", q => q.Overdue),
        new("closedAt", q => q.ClosedAt),
        new("remindsQuestionId", q => q.RemindsQuestionId), new("updatedAt", q => Dates.Text(q.UpdatedAt)), new("url", q => q.Url),
        new("text", q => q.Text),
    ];
}

/// <summary>The author of a question as at the time of the question.</summary>
/// <param name="Id">Senator id (matricule).</param>
/// <param name="Name">First and last name.</param>
/// <param name="Civility">M. or Mme.</param>
/// <param name="Group">Political group at the time, by code and label (the same object as a senator's group).</param>
/// <param name="Constituency">Constituency at the time.</param>
/// <param name="Self">The senator's API URL.</param>
public sealed record AuthorSnapshot(string Id, string Name, string? Civility, CodeLabel? Group, string? Constituency, string Self);

/// <summary>A transfer of the question to another ministry.</summary>
/// <param name="Ministry">The ministry it was transferred to.</param>
/// <param name="At">Date of the transfer.</param>
public sealed record TransferInfo(MinistryRef Ministry, DateOnly? At);
