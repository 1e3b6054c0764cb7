namespace OpenData.Data.Questions;

/// <summary>An event of a question's life: its type, its date, and the ministry, the reminding question or the page it concerns.</summary>
public sealed record QuestionEvent
{
    /// <summary>published, transferred, reminded, answered, erratum, lapsed, withdrawn or converted.</summary>
    public required string Type { get; init; }
    public DateOnly? Date { get; init; }
    public long? MinistryId { get; init; }
    public string? MinistryName { get; init; }
    /// <summary>For reminded: the later question that reminds this one.</summary>
    public string? QuestionId { get; init; }
    public int? JournalPage { get; init; }
}

/// <summary>
/// A question's events, stated once for REST and GraphQL: derived from its source fields (publication, transfer,
/// reminders, answer, errata of the question and of the answer) and, for its outcome, from the change history: a
/// lapsed question lapsed at the end of its legislature; a withdrawn or converted one is dated by the import that
/// that last changed its status (null when it had that status when first imported).
/// </summary>
public static class QuestionEvents
{
    public static readonly IReadOnlyList<string> Types = ["published", "transferred", "reminded", "answered", "erratum", "lapsed", "withdrawn", "converted"];

    /// <summary>The order of the events: by date (undated last), then in the order of a question's life.</summary>
    public const string Order = "date NULLS LAST, rank, question_id";

    /// <summary>The events of the question row <paramref name="r"/>, as a subquery of rows (type, date, ministry_id, ministry_name, question_id, journal_page, rank).</summary>
    public static string From(string r) => $"""
        (SELECT 'published' AS type, {r}.published_at AS date, {r}.ministry_id AS ministry_id, {r}.ministry_name AS ministry_name,
                NULL::text AS question_id, {r}.journal_page AS journal_page, 1 AS rank
         UNION ALL SELECT 'transferred', {r}.transferred_at, {r}.transfer_ministry_id, {r}.transfer_ministry_name, NULL, NULL, 2
         WHERE {r}.transfer_ministry_id IS NOT NULL
         UNION ALL SELECT 'reminded', ev_r.published_at, NULL, NULL, ev_r.id, ev_r.journal_page, 3
         FROM opendata.questions ev_r WHERE ev_r.reminds_question_id = {r}.id
         UNION ALL SELECT 'answered', {r}.answered_at, {r}.answer_ministry_id, {r}.answer_ministry_name, NULL,
                (SELECT ev_a.journal_page FROM opendata.answers ev_a WHERE ev_a.question_id = {r}.id), 4
         WHERE {r}.answered_at IS NOT NULL
         UNION ALL SELECT 'erratum', {r}.erratum_date, NULL, NULL, NULL, {r}.erratum_page, 5
         WHERE {r}.erratum_date IS NOT NULL OR {r}.erratum_page IS NOT NULL OR {r}.erratum_text IS NOT NULL
         UNION ALL SELECT 'erratum', ev_e.erratum_date, NULL, NULL, NULL, ev_e.erratum_page, 5
         FROM opendata.answers ev_e WHERE ev_e.question_id = {r}.id
           AND (ev_e.erratum_date IS NOT NULL OR ev_e.erratum_page IS NOT NULL OR ev_e.erratum_text IS NOT NULL)
         UNION ALL SELECT {r}.status, {OutcomeDate(r)},
                NULL, NULL, NULL, NULL, 6
         WHERE {r}.status IN {ClosedStatuses})
        """;

    /// <summary>Statuses that close a question without an answer.</summary>
    public const string ClosedStatuses = "('lapsed', 'withdrawn', 'converted')";

    /// <summary>
    /// The date the question row <paramref name="r"/> was closed without an answer (its outcome event's date): lapsed,
    /// at the end of its legislature; withdrawn or converted, the landing of the import that changed its status (the
    /// Senate's files do not date them); null for a question answered or still awaiting, or closed and not dated.
    /// </summary>
    public static string ClosedAt(string r) => $"CASE WHEN {r}.status IN {ClosedStatuses} THEN {OutcomeDate(r)} END";

    /// <summary>
    /// <see cref="ClosedAt"/> for many rows at once (an aggregate over the questions): the joins that give each row
    /// <paramref name="r"/> its legislature (<c>{r}_l</c>) and, for a question whose status changed after it was added,
    /// the landing of the last such change (<c>{r}_c</c>: hash joins with the few status changes, which the partial index
    /// changes_status of migration 0011 lists, instead of a lookup per row); then <see cref="ClosedAtJoined"/>.
    /// </summary>
    public static string ClosedAtJoins(string r) => $"""
        LEFT JOIN opendata.legislatures {r}_l ON {r}_l.number = {r}.legislature
        LEFT JOIN (
            SELECT c.id, (max(d.landed_at) AT TIME ZONE 'UTC')::date AS at
            FROM opendata_meta.changes c JOIN opendata_meta.landings d ON d.version = c.version
            WHERE c.type = 'question' AND c.kind = 'changed' AND 'status' = ANY(c.fields)
              AND NOT EXISTS (SELECT 1 FROM opendata_meta.changes b WHERE b.type = 'question' AND b.id = c.id AND b.kind <> 'changed' AND b.seq > c.seq)
            GROUP BY c.id
        ) {r}_c ON {r}_c.id = {r}.id
        """;

    /// <summary>The <see cref="ClosedAt"/> of the row <paramref name="r"/> joined by <see cref="ClosedAtJoins"/>.</summary>
    public static string ClosedAtJoined(string r) =>
        $"CASE WHEN {r}.status IN {ClosedStatuses} THEN coalesce(CASE WHEN {r}.status = 'lapsed' THEN {r}_l.end_date END, {r}_c.at) END";

    private static string OutcomeDate(string r) => $"""
        coalesce(
                    CASE WHEN {r}.status = 'lapsed' THEN (SELECT ev_l.end_date FROM opendata.legislatures ev_l WHERE ev_l.number = {r}.legislature) END,
                    (SELECT (max(ev_d.landed_at) AT TIME ZONE 'UTC')::date FROM opendata_meta.changes ev_c
                     JOIN opendata_meta.landings ev_d ON ev_d.version = ev_c.version
                     WHERE ev_c.type = 'question' AND ev_c.id = {r}.id AND 'status' = ANY(ev_c.fields)
                       AND ev_c.seq > coalesce((SELECT max(ev_b.seq) FROM opendata_meta.changes ev_b
                                                WHERE ev_b.type = 'question' AND ev_b.id = {r}.id AND ev_b.kind <> 'changed'), 0)))
        """;
}
