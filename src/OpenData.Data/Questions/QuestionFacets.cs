using OpenData.Data.Reading;

namespace OpenData.Data.Questions;

/// <summary>A value of a facet and how many questions of the filtered list have it.</summary>
/// <param name="Id">The value as given to the matching filter, typed like the resource's id: a number for ministry, theme, legislature and year; a code (string) for group, status and nature.</param>
/// <param name="Label">Its label: the name of the ministry, group, theme, kind or legislature, the French label of a status, the year itself.</param>
/// <param name="Count">Questions of the filtered list with this value.</param>
/// <param name="StartDate">Ministry facet: the ministry's first day in office, since ministries of successive governments share names; null for the other facets.</param>
/// <param name="EndDate">Ministry facet: the ministry's last day in office, null while in office; null for the other facets.</param>
public sealed record FacetValue(object Id, string Label, long Count, DateOnly? StartDate, DateOnly? EndDate);

/// <summary>A facet value as read: its id as text, and whether the facet's ids are numbers.</summary>
internal sealed record FacetRow(string Value, string? Label, long Count, DateOnly? StartDate, DateOnly? EndDate, bool Numeric)
{
    public FacetValue ToValue() => new(Numeric ? long.Parse(Value, System.Globalization.CultureInfo.InvariantCulture) : Value, Label ?? Value, Count, StartDate, EndDate);
}

/// <summary>Counts of each value of a field under the current filters: how journalists slice the questions.</summary>
public static class QuestionFacets
{
    /// <summary>At most this many values per facet, the most frequent first.</summary>
    public const int MaxValues = 100;

    public static readonly IReadOnlyList<string> Names = ["ministry", "group", "theme", "status", "nature", "legislature", "year"];

    private const string NoDates = "NULL::date AS start_date, NULL::date AS end_date";
    private const string Where = "{0}"; // filled by string.Format

    private static readonly Dictionary<string, string> Sql = new()
    {
        ["ministry"] = """
            SELECT u.id::text AS value, min(m.name) AS label, count(*) AS count, min(m.start_date) AS start_date, min(m.end_date) AS end_date, true AS numeric
            FROM opendata.questions q CROSS JOIN LATERAL unnest(q.ministry_ids) u(id) LEFT JOIN opendata.ministries m ON m.id = u.id
            WHERE {0} GROUP BY u.id
            """,
        ["group"] = $"""
            SELECT q.author_group AS value, min(g.label) AS label, count(*) AS count, {NoDates}, false AS numeric
            FROM opendata.questions q LEFT JOIN opendata.political_groups g ON g.code = q.author_group
            WHERE {Where} AND q.author_group IS NOT NULL GROUP BY q.author_group
            """,
        ["theme"] = $"""
            SELECT u.id::text AS value, min(t.label) AS label, count(*) AS count, {NoDates}, true AS numeric
            FROM opendata.questions q CROSS JOIN LATERAL unnest(q.theme_ids) u(id) LEFT JOIN opendata.themes t ON t.id = u.id
            WHERE {Where} GROUP BY u.id
            """,
        ["status"] = $"""
            SELECT q.status AS value, CASE q.status WHEN 'awaiting_answer' THEN 'En attente de réponse' WHEN 'answered' THEN 'Répondue'
                   WHEN 'lapsed' THEN 'Caduque' WHEN 'withdrawn' THEN 'Retirée' WHEN 'converted' THEN 'Transformée en question orale' END AS label,
                   count(*) AS count, {NoDates}, false AS numeric
            FROM opendata.questions q WHERE {Where} GROUP BY q.status
            """,
        ["nature"] = $"SELECT q.nature_code AS value, min(q.nature_label) AS label, count(*) AS count, {NoDates}, false AS numeric FROM opendata.questions q WHERE {Where} GROUP BY q.nature_code",
        ["legislature"] = $"""
            SELECT q.legislature::text AS value, min(l.label) AS label, count(*) AS count, {NoDates}, true AS numeric
            FROM opendata.questions q LEFT JOIN opendata.legislatures l ON l.number = q.legislature
            WHERE {Where} AND q.legislature IS NOT NULL GROUP BY q.legislature
            """,
        ["year"] = $"""
            SELECT extract(year FROM q.published_at)::int::text AS value, extract(year FROM q.published_at)::int::text AS label, count(*) AS count, {NoDates}, true AS numeric
            FROM opendata.questions q WHERE {Where} GROUP BY 1
            """,
    };

    /// <summary>The requested facets (names from <see cref="Names"/>), in the batch of the page they describe.</summary>
    public static Deferred<IReadOnlyDictionary<string, IReadOnlyList<FacetValue>>> Count(ReadBatch batch, QuestionFilter filter, IReadOnlyList<string> facets)
    {
        var where = batch.Where();
        QuestionSql.Where(filter, where);
        batch.PlanForValues = true;
        // Each groups every matching row: every question when nothing filters them, a search's matches (a grouping, dearer
        // than a count), or the rows a filter selects.
        foreach (var _ in facets)
        {
            if (where.IsEmpty) batch.Work.Facet();
            else if (filter.CountKind() == CountKind.FullText) batch.Work.SearchFacet();
            else batch.Work.Count(filter.CountKind());
        }
        var statements = facets.Select(f =>
            $"SELECT * FROM ({string.Format(System.Globalization.CultureInfo.InvariantCulture, Sql[f], where.Sql)}) f ORDER BY count DESC, value LIMIT {MaxValues}");
        return batch.Add(statements, async grid =>
        {
            var result = new Dictionary<string, IReadOnlyList<FacetValue>>();
            foreach (var facet in facets) result[facet] = (await grid.ReadAsync<FacetRow>()).Select(r => r.ToValue()).ToList();
            return (IReadOnlyDictionary<string, IReadOnlyList<FacetValue>>)result;
        });
    }
}
