using System.ComponentModel;
using System.Globalization;
using System.Text;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using OpenData.Api.Rest;
using OpenData.Data;
using OpenData.Data.Changes;
using OpenData.Data.Ministries;
using OpenData.Data.Questions;
using OpenData.Data.Reading;
using OpenData.Data.Senators;
using OpenData.Data.Stats;
using OpenData.Data.Twins;

namespace OpenData.Api.Features.Mcp;

/// <summary>
/// The API's tools for AI assistants (MCP at /mcp): each reads through the query layer REST uses, within the HTTP
/// request that carries the call, so it pays the same permits as the REST request it mirrors (its batches are charged
/// by <see cref="Protection.QuotaCharge"/>). Each answers compact text: ids, figures, and the API URLs that say more.
/// A mistake (an unknown id, a malformed date, a request over the caller's quota) is a tool error that says what to do.
/// </summary>
[McpServerToolType]
public sealed class McpTools(DatasetSession session, QuestionQueries questions, SenatorQueries senators, MinistryQueries ministries,
    StatsQueries stats, ChangeQueries changes, TwinQueries twins, IHttpContextAccessor accessor)
{
    public const int MaxLimit = 50;

    [McpServerTool(Name = "search_questions", ReadOnly = true, Title = "Search the Senate's questions")]
    [Description("Searches the French Senate's written and oral questions to the government (since 1978): French full-text words (accents and word endings ignored) and filters. Lists each question's id, date, status, title, author and ministry, the best matches first when words are given, else the newest; get_question reads one whole.")]
    public Task<CallToolResult> SearchQuestions(
        [Description("French words to look for in titles and texts, e.g. \"désertification médicale\" (optional).")] string? words = null,
        [Description("The author's senator id (matricule, e.g. 08037L) (optional).")] string? senator = null,
        [Description("A ministry id (see list_ministries): questions addressed, transferred to or answered by it (optional).")] long? ministry = null,
        [Description("awaiting_answer, answered, lapsed, withdrawn or converted (optional).")] string? status = null,
        [Description("QE (written), QOSD (oral without debate), QG (topical)… (optional).")] string? nature = null,
        [Description("Published on or after this date, YYYY-MM-DD (optional).")] string? publishedFrom = null,
        [Description("Published on or before this date, YYYY-MM-DD (optional).")] string? publishedTo = null,
        [Description("How many questions, 1 to 50 (default 10).")] int limit = 10,
        CancellationToken cancellationToken = default) => Answer(async () =>
    {
        var filter = new QuestionFilter
        {
            Q = Text(words, nameof(words)),
            Senator = Text(senator, nameof(senator)),
            Ministry = ministry,
            Statuses = Choice(status, QuestionKinds.Statuses, nameof(status)),
            Natures = Choice(nature?.ToUpperInvariant(), QuestionKinds.Natures, nameof(nature)),
            PublishedFrom = Date(publishedFrom, nameof(publishedFrom)),
            PublishedTo = Date(publishedTo, nameof(publishedTo)),
        };
        var sort = filter.Q is null ? QuestionSort.PublishedDesc : QuestionSort.Relevance;
        if (filter.Broken(sort) is [var rule, ..]) throw new ToolError($"{rule.Explain(filter).Field}: {rule.Explain(filter).Problem}");
        var page = sort == QuestionSort.Relevance ? await RankedAsync(filter, Limit(limit), cancellationToken) : null;
        if (page is null)
        {
            // Words found in too many questions to rank them all within the budget (the home page does the same): the newest matches.
            sort = QuestionSort.PublishedDesc;
            page = await questions.PageAsync(filter, sort, null, Limit(limit), highlight: false, cancellationToken);
        }
        var order = filter.Q is null ? "newest first" : sort == QuestionSort.Relevance ? "best matches first" : "newest first (too many to rank by relevance: add words to narrow them)";
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{page.Total} questions match, {order}.\n");
        foreach (var q in page.Items) text.Append(CultureInfo.InvariantCulture, $"- {Line(q)}\n");
        var query = string.Join("&", new[]
        {
            filter.Q is null ? null : $"q={Uri.EscapeDataString(filter.Q)}{(sort == QuestionSort.Relevance ? "&sort=relevance" : "")}", senator is null ? null : $"senator={Uri.EscapeDataString(filter.Senator!)}",
            ministry is null ? null : $"ministry={ministry}", status is null ? null : $"status={status}", nature is null ? null : $"nature={nature}",
            publishedFrom is null ? null : $"publishedFrom={publishedFrom}", publishedTo is null ? null : $"publishedTo={publishedTo}",
        }.Where(p => p is not null));
        text.Append(CultureInfo.InvariantCulture, $"All of them: /v1/questions?{query}");
        return text.ToString();
    });

    /// <summary>
    /// The best matches first, when ranking them costs at most a <see cref="Protection.MaxCost.RankingShare"/> of the
    /// caller's window (and its own Max-Cost, if it sent one); null when that is refused, for a permit.
    /// </summary>
    private async Task<Data.Paging.Page<QuestionRow>?> RankedAsync(QuestionFilter filter, int limit, CancellationToken cancellationToken)
    {
        var http = accessor.HttpContext;
        var asked = http?.Features.Get<Protection.MaxCost>();
        if (http?.Features.Get<Protection.ApiClient>() is { } client)
            http.Features.Set(new Protection.MaxCost(Math.Min(asked?.Permits ?? long.MaxValue, Math.Max(1, client.Quota.PermitLimit / Protection.MaxCost.RankingShare))));
        try
        {
            return await questions.PageAsync(filter, QuestionSort.Relevance, null, limit, highlight: false, cancellationToken);
        }
        catch (ApiProblemException e) when (e.Status == StatusCodes.Status400BadRequest)
        {
            return null;
        }
        finally
        {
            http?.Features.Set(asked);
        }
    }

    [McpServerTool(Name = "get_question", ReadOnly = true, Title = "Read one question")]
    [Description("One question whole: its text, status, author, ministry, dates, the minister's answer when there is one, what happened to it (events), and its twins (near-identical questions tabled by other senators).")]
    public Task<CallToolResult> GetQuestion(
        [Description("The question's id, e.g. SEQ240611950.")] string id,
        CancellationToken cancellationToken = default) => Answer(async () =>
    {
        var key = Ids.Canonical(Text(id, nameof(id)) ?? throw new ToolError("id: give a question's id, e.g. SEQ240611950"));
        var batch = session.Batch();
        var detail = questions.Detail(batch, key);
        var similar = twins.Similar(batch, key, null, 5);
        await batch.RunAsync(cancellationToken);
        if (detail.Value is not { } d) throw new ToolError($"There is no question '{id}': search_questions finds them.");
        var q = d.Question;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Line(q)}\n");
        if (q.TransferMinistryId is not null) text.Append(CultureInfo.InvariantCulture, $"Transferred to {q.TransferMinistryName} (ministry {q.TransferMinistryId}) on {Day(q.TransferredAt)}.\n");
        if (q.Overdue) text.Append(CultureInfo.InvariantCulture, $"Overdue: no answer since the deadline of {Day(q.Deadline)}.\n");
        text.Append(CultureInfo.InvariantCulture, $"\nQuestion:\n{q.Text}\n");
        if (d.Answer is { } a)
            text.Append(CultureInfo.InvariantCulture, $"\nAnswer of {a.MinistryName ?? "the ministry"}, published {Day(a.PublishedAt)} ({a.DelayDays} days after the question):\n{a.Text}\n");
        text.Append("\nEvents: ").Append(string.Join("; ", d.Events.Select(e => $"{e.Type} {Day(e.Date)}"))).Append('\n');
        var twinsPage = similar.Value;
        if (twinsPage.Total > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nTwins ({twinsPage.Total}, near-identical texts, the most similar first):\n");
            foreach (var t in twinsPage.Items) text.Append(CultureInfo.InvariantCulture, $"- similarity {t.Similarity:0.00}: {Line(t)}\n");
        }
        text.Append(CultureInfo.InvariantCulture, $"\nJSON: /v1/questions/{q.Id}{(twinsPage.Total > 0 ? $" · twins: /v1/questions/{q.Id}/similar" : "")}{(q.Url is null ? "" : $" · senat.fr: {q.Url}")}");
        return text.ToString();
    });

    [McpServerTool(Name = "get_senator", ReadOnly = true, Title = "Read one senator")]
    [Description("A senator by id (matricule, e.g. 08037L), or by name when no id is known: group, constituency, whether in office, committee, and how many questions they asked.")]
    public Task<CallToolResult> GetSenator(
        [Description("The senator's id (e.g. 08037L) or part of their name (e.g. Maurey).")] string idOrName,
        CancellationToken cancellationToken = default) => Answer(async () =>
    {
        var value = Text(idOrName, nameof(idOrName)) ?? throw new ToolError("idOrName: give a senator's id (08037L) or a name");
        var batch = session.Batch();
        var byId = senators.ByIds(batch, [Ids.Canonical(value)]);
        var byName = senators.Page(batch, new SenatorFilter { Q = value }, null, 10);
        await batch.RunAsync(cancellationToken);
        var found = byId.Value.Values.ToList() is { Count: > 0 } one ? one : [.. byName.Value.Items];
        if (found.Count == 0) throw new ToolError($"No senator has the id or name '{value}'.");
        var text = new StringBuilder();
        foreach (var s in found)
            text.Append(CultureInfo.InvariantCulture,
                $"{s.Name} ({s.Id}): {(s.Active ? "in office" : "no longer in office")}, {s.GroupLabel ?? s.GroupCode ?? "no group"}, {s.Constituency ?? "no constituency"}{(s.Committee is null ? "" : $", {s.Committee}")}; {s.QuestionCount} questions (/v1/senators/{s.Id}/questions). JSON: /v1/senators/{s.Id}\n");
        return text.ToString().TrimEnd();
    });

    [McpServerTool(Name = "list_ministries", ReadOnly = true, Title = "List ministries")]
    [Description("Ministries of every government since 1978, the latest first: id (to filter questions and statistics), name, minister, time in office and how many questions they received.")]
    public Task<CallToolResult> ListMinistries(
        [Description("Part of the ministry's name, e.g. santé (optional).")] string? name = null,
        [Description("true: only those in office; false: only past ones (optional).")] bool? current = null,
        [Description("How many ministries, 1 to 50 (default 20).")] int limit = 20,
        CancellationToken cancellationToken = default) => Answer(async () =>
    {
        var page = await ministries.PageAsync(new MinistryFilter { Q = Text(name, nameof(name)), Current = current }, null, Limit(limit), cancellationToken);
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{page.Total} ministries match, the latest first.\n");
        foreach (var m in page.Items)
            text.Append(CultureInfo.InvariantCulture,
                $"- {m.Id}: {m.Name}{(m.MinisterName is null ? "" : $" ({m.MinisterName})")}, {Day(m.StartDate)} – {(m.Current ? "in office" : Day(m.EndDate))}, {m.QuestionCount} questions. /v1/ministries/{m.Id}\n");
        return text.ToString().TrimEnd();
    });

    [McpServerTool(Name = "ministry_answer_delays", ReadOnly = true, Title = "How ministries answer")]
    [Description("Per ministry, how its written questions were answered: questions, answered, within the two-month deadline, overdue, and the delay in days counting the questions still waiting (Kaplan-Meier median and 90th percentile, with the sample size), most questions first.")]
    public Task<CallToolResult> MinistryAnswerDelays(
        [Description("true: only the ministries in office (default); false: only past ones.")] bool current = true,
        [Description("Questions published on or after this date, YYYY-MM-DD (optional).")] string? from = null,
        [Description("Questions published on or before this date, YYYY-MM-DD (optional).")] string? to = null,
        [Description("How many ministries, 1 to 50 (default 20).")] int limit = 20,
        CancellationToken cancellationToken = default) => Answer(async () =>
    {
        var filter = new StatsFilter { Current = current, From = Date(from, nameof(from)), To = Date(to, nameof(to)) };
        if (filter.From > filter.To) throw new ToolError("from: is after to");
        var rows = await stats.MinistryStatsAsync(filter, cancellationToken);
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{rows.Count} ministries; delays in days, counting the questions still waiting (Kaplan-Meier).\n");
        foreach (var r in rows.Take(Limit(limit)))
            text.Append(CultureInfo.InvariantCulture,
                $"- {r.MinistryName} ({r.MinistryId}): {r.Questions} questions, {r.Answered} answered ({r.AnsweredWithinDeadline} within the deadline), {r.Overdue} overdue; median {Days(r.TimeToAnswer.Median)}, 90th percentile {Days(r.TimeToAnswer.P90)} (n = {r.TimeToAnswer.N}, {r.TimeToAnswer.Censored} still waiting or closed).\n");
        text.Append(CultureInfo.InvariantCulture, $"JSON: /v1/stats/ministries?current={(current ? "true" : "false")}{(from is null ? "" : $"&from={from}")}{(to is null ? "" : $"&to={to}")}");
        return text.ToString();
    });

    [McpServerTool(Name = "changes_since", ReadOnly = true, Title = "What changed")]
    [Description("What the imports added, changed and removed (questions answered, transferred, new senators…), oldest first, from a cursor: call it first without one, keep the cursor it gives, and call again with it later to get only what changed since.")]
    public Task<CallToolResult> ChangesSince(
        [Description("The cursor a previous call gave (optional: without it, the feed's beginning).")] string? cursor = null,
        [Description("Only these kinds: question, answer, senator, ministry, comma-separated (optional).")] string? types = null,
        [Description("How many changes, 1 to 50 (default 20).")] int limit = 20,
        CancellationToken cancellationToken = default) => Answer(async () =>
    {
        var since = Text(cursor, nameof(cursor));
        if (since is not null && !ChangeQueries.BySeq.Accepts(since)) throw new ToolError("cursor: not a cursor of the change feed; give the one a previous call returned");
        var kinds = (Text(types, nameof(types)) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => t.ToLowerInvariant()).Distinct().ToList();
        if (kinds.FirstOrDefault(k => k is not ("question" or "answer" or "senator" or "ministry")) is { } unknown)
            throw new ToolError($"types: '{unknown}' is not one of question, answer, senator, ministry");
        var page = await changes.PageAsync(since, kinds, Limit(limit), cancellationToken);
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{page.Items.Count} changes{(page.HasMore ? ", more follow" : "")}.\n");
        foreach (var c in page.Items)
            text.Append(CultureInfo.InvariantCulture, $"- {Dates.Text(c.At)} {c.Kind} {c.Type} {c.Id}{(c.Fields.Length > 0 ? $" ({string.Join(", ", c.Fields)})" : "")}\n");
        text.Append(CultureInfo.InvariantCulture, $"Next cursor: {page.NextCursor} (call again with it). JSON: /v1/changes?since={Uri.EscapeDataString(page.NextCursor)}");
        return text.ToString();
    });

    /// <summary>A question on one line: id, date, kind, status, title, author, ministry, answer, and its URL.</summary>
    private static string Line(QuestionRow q) => string.Create(CultureInfo.InvariantCulture,
        $"{q.Id} ({Day(q.PublishedAt)}, {q.NatureLabel}, {q.Status.Replace('_', ' ')}{(q.AnsweredAt is null ? "" : $" on {Day(q.AnsweredAt)}")}): {q.Title} — {q.AuthorName}{(q.AuthorGroup is null ? "" : $" ({q.AuthorGroup})")} to {q.MinistryName ?? "no ministry"}. /v1/questions/{q.Id}");

    private static string Day(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "undated";

    private static string Days(int? days) => days is { } d ? string.Create(CultureInfo.InvariantCulture, $"{d} days") : "not reached";

    private static int Limit(int limit) => limit is >= 1 and <= MaxLimit ? limit : throw new ToolError($"limit: must be between 1 and {MaxLimit}");

    /// <summary>A text argument under REST's rule (<see cref="TextInput"/>), trimmed; null when empty.</summary>
    private static string? Text(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (TextInput.Problem(value) is { } problem)
            throw new ToolError($"{name}: at most {TextInput.MaxLength} characters, without control characters ({problem})");
        return value.Trim();
    }

    private static DateOnly? Date(string? value, string name) =>
        Text(value, name) is not { } text ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw new ToolError($"{name}: a date as YYYY-MM-DD, e.g. 2024-01-31");

    private static IReadOnlyList<string> Choice(string? value, IReadOnlyList<Choice> choices, string name) =>
        Text(value, name) is not { } text ? []
        : choices.Any(c => c.Value == text) ? [text]
        : throw new ToolError($"{name}: one of {string.Join(", ", choices.Select(c => c.Value))}");

    /// <summary>The tool's text, or a tool error saying what went wrong: the caller's mistake, its quota, the database.</summary>
    private static async Task<CallToolResult> Answer(Func<Task<string>> read)
    {
        try
        {
            return new CallToolResult { Content = [new TextContentBlock { Text = await read() }] };
        }
        catch (ToolError e)
        {
            return Error(e.Message);
        }
        catch (ApiProblemException e)
        {
            return Error($"{e.Title}: {e.Message}");
        }
        catch (Data.Paging.InvalidCursorException)
        {
            return Error("cursor: not a cursor of this list");
        }
    }

    private static CallToolResult Error(string text) => new() { IsError = true, Content = [new TextContentBlock { Text = text }] };

    private sealed class ToolError(string message) : Exception(message);
}
