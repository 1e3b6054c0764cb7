using OpenData.Api.Rest;
using OpenData.Data.Answers;

namespace OpenData.Api.Features.Answers;

// A property documented by nothing here is described, in the OpenAPI document, by the GraphQL field of the same name
// (its declaration in OpenData.Data.Graph: Rest.DeclaredDescriptions), which means the same.
#pragma warning disable CS1573 // the parameters it describes are left out here

/// <summary>A minister's answer to a question, as published in the Journal officiel.</summary>
/// <param name="QuestionId">The question answered.</param>
/// <param name="UpdatedAt">When this answer last changed in the API: the moment the import that changed it was first served (UTC).</param>
/// <param name="Links">Links to the question.</param>
public sealed record AnswerResponse(
    string QuestionId,
    DateOnly PublishedAt,
    string? Text,
    MinistryRef? Ministry,
    int? JournalPage,
    int? DelayDays,
    IReadOnlyList<string> SharedWith,
    Erratum? Erratum,
    string? Url,
    DateTime UpdatedAt,
    AnswerLinks Links)
{
    public static AnswerResponse From(AnswerRow a) => new(
        a.QuestionId, a.PublishedAt, a.Text, MinistryRef.From(a.MinistryId, a.MinistryName), a.JournalPage, a.DelayDays,
        a.SharedWith, a.ErratumPage is null && a.ErratumDate is null && a.ErratumText is null ? null : new Erratum(a.ErratumPage, a.ErratumDate, a.ErratumText),
        a.Url, Dates.Utc(a.UpdatedAt), new AnswerLinks($"/v1/questions/{a.QuestionId}"));

    public static readonly IReadOnlyList<CsvColumn<AnswerResponse>> CsvColumns =
    [
        new("questionId", a => a.QuestionId), new("publishedAt", a => a.PublishedAt), new("ministryId", a => a.Ministry?.Id),
        new("ministryName", a => a.Ministry?.Name), new("journalPage", a => a.JournalPage), new("delayDays", a => a.DelayDays),
        new("sharedWith", a => a.SharedWith), new("erratumDate", a => a.Erratum?.Date), new("url", a => a.Url), new("updatedAt", a => Dates.Text(a.UpdatedAt)), new("text", a => a.Text),
    ];
}

/// <summary>A correction of an answer.</summary>
/// <param name="Page">Page of the correction in the Journal officiel.</param>
/// <param name="Date">Date of the correction.</param>
/// <param name="Text">Text of the correction.</param>
public sealed record Erratum(int? Page, DateOnly? Date, string? Text);

/// <summary>Links of an answer.</summary>
/// <param name="Question">The API URL of the question answered.</param>
public sealed record AnswerLinks(string Question);
