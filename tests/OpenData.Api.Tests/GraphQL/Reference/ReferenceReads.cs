using OpenData.Data.Answers;
using OpenData.Data.Questions;
using OpenData.Data.Reading;
using OpenData.Data.Senators;

namespace OpenData.Api.Tests.GraphQL.Reference;

/// <summary>
/// What only the reference executor's loaders read: rows by many ids, one statement each, with the columns the API's
/// own queries select (the API compiles GraphQL to one statement and never needs them).
/// </summary>
public sealed class ReferenceReads(DatasetSession session)
{
    public Task<IReadOnlyDictionary<string, QuestionRow>> QuestionsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        ReadAsync($"SELECT {QuestionSql.Columns}, {QuestionSql.GroupLabel("q")} FROM opendata.questions q WHERE q.id = ANY(@)", ids.ToArray(),
            async grid => (IReadOnlyDictionary<string, QuestionRow>)(await grid.ReadAsync<QuestionRow>()).ToDictionary(r => r.Id), cancellationToken);

    /// <summary>For each question id, the later questions that remind it, oldest first.</summary>
    public Task<ILookup<string, QuestionRow>> RemindersAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        ReadAsync($"SELECT {QuestionSql.Columns}, {QuestionSql.GroupLabel("q")} FROM opendata.questions q WHERE q.reminds_question_id = ANY(@) ORDER BY q.published_at, q.id", ids.ToArray(),
            async grid => (await grid.ReadAsync<QuestionRow>()).ToLookup(r => r.RemindsQuestionId!), cancellationToken);

    /// <summary>For each question id, its events in order (<see cref="QuestionEvents"/>).</summary>
    public Task<ILookup<string, QuestionEvent>> EventsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        ReadAsync($"""
            SELECT q.id AS owner, e.type, e.date, e.ministry_id, e.ministry_name, e.question_id, e.journal_page
            FROM opendata.questions q CROSS JOIN LATERAL {QuestionEvents.From("q")} e
            WHERE q.id = ANY(@)
            ORDER BY q.id, e.{QuestionEvents.Order.Replace(", ", ", e.", StringComparison.Ordinal)}
            """, ids.ToArray(), async grid => (await grid.ReadAsync<(string Owner, string Type, DateOnly? Date, long? MinistryId, string? MinistryName, string? QuestionId, int? JournalPage)>())
            .ToLookup(r => r.Owner, r => new QuestionEvent
            {
                Type = r.Type, Date = r.Date, MinistryId = r.MinistryId, MinistryName = r.MinistryName, QuestionId = r.QuestionId, JournalPage = r.JournalPage,
            }), cancellationToken);

    /// <summary>The answers of the given questions (those that have one).</summary>
    public Task<IReadOnlyDictionary<string, AnswerRow>> AnswersAsync(IReadOnlyCollection<string> questionIds, CancellationToken cancellationToken) =>
        ReadAsync($"SELECT {AnswerQueries.Columns} FROM opendata.answers a WHERE a.question_id = ANY(@)", questionIds.ToArray(),
            async grid => (IReadOnlyDictionary<string, AnswerRow>)(await grid.ReadAsync<AnswerRow>()).ToDictionary(r => r.QuestionId), cancellationToken);

    /// <summary>For each senator id, their group memberships, latest first.</summary>
    public Task<ILookup<string, SenatorGroupRow>> GroupHistoryAsync(IReadOnlyCollection<string> senatorIds, CancellationToken cancellationToken) =>
        ReadAsync($"""
            SELECT sg.senator_id, sg.group_code, coalesce(g.label, sg.group_code) AS group_label, sg.membership, sg.start_date, sg.end_date
            FROM opendata.senator_groups sg
            LEFT JOIN opendata.political_groups g ON g.code = sg.group_code
            WHERE sg.senator_id = ANY(@)
            ORDER BY sg.senator_id, {SenatorQueries.HistoryOrder("sg")}
            """, senatorIds.ToArray(), async grid => (await grid.ReadAsync<SenatorGroupRow>()).ToLookup(r => r.SenatorId), cancellationToken);

    /// <summary>One statement of one batch, its array of ids bound where it says <c>@</c>.</summary>
    private Task<T> ReadAsync<T>(string sql, Array ids, Func<BatchResults, Task<T>> read, CancellationToken cancellationToken)
    {
        var batch = session.Batch();
        var bound = sql.Replace("ANY(@)", $"ANY({batch.Where().Bind(ids)})", StringComparison.Ordinal);
        return batch.RunAsync(batch.Add(bound, read), cancellationToken);
    }
}

/// <summary>One membership of a senator in a political group.</summary>
public sealed record SenatorGroupRow
{
    public required string SenatorId { get; init; }
    public required string GroupCode { get; init; }
    public required string GroupLabel { get; init; }
    public string? Membership { get; init; }
    public DateOnly? StartDate { get; init; }
    public DateOnly? EndDate { get; init; }
}
