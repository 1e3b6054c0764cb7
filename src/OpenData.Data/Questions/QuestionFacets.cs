using OpenData.Data.Reading;

namespace OpenData.Data.Questions;

/// <summary>A value of a facet and how many questions of the filtered list have it.</summary>
/// <param name="Value">The value, as given to the matching filter (e.g. a ministry id, a status, a year).</param>
/// <param name="Label">Its label where it has one.</param>
/// <param name="Count">Questions of the filtered list with this value.</param>
public sealed record FacetValue(string Value, string? Label, long Count);

/// <summary>Counts of each value of a field under the current filters: how journalists slice the questions.</summary>
public static class QuestionFacets
{
    /// <summary>At most this many values per facet, the most frequent first.</summary>
    public const int MaxValues = 100;

    public static readonly IReadOnlyList<string> Names = ["ministry", "group", "theme", "status", "nature", "legislature", "year"];

    private static readonly Dictionary<string, string> Sql = new()
    {
        ["ministry"] = """
            SELECT u.id::text AS value, min(m.name) AS label, count(*) AS count
            FROM opendata.questions q CROSS JOIN LATERAL unnest(q.ministry_ids) u(id) LEFT JOIN opendata.ministries m ON m.id = u.id
            WHERE {0} GROUP BY u.id
            """,
        ["group"] = """
            SELECT q.author_group AS value, min(g.label) AS label, count(*) AS count
            FROM opendata.questions q LEFT JOIN opendata.political_groups g ON g.code = q.author_group
            WHERE {0} AND q.author_group IS NOT NULL GROUP BY q.author_group
            """,
        ["theme"] = """
            SELECT u.id::text AS value, min(t.label) AS label, count(*) AS count
            FROM opendata.questions q CROSS JOIN LATERAL unnest(q.theme_ids) u(id) LEFT JOIN opendata.themes t ON t.id = u.id
            WHERE {0} GROUP BY u.id
            """,
        ["status"] = "SELECT q.status AS value, NULL AS label, count(*) AS count FROM opendata.questions q WHERE {0} GROUP BY q.status",
        ["nature"] = "SELECT q.nature_code AS value, min(q.nature_label) AS label, count(*) AS count FROM opendata.questions q WHERE {0} GROUP BY q.nature_code",
        ["legislature"] = """
            SELECT q.legislature::text AS value, min(l.label) AS label, count(*) AS count
            FROM opendata.questions q LEFT JOIN opendata.legislatures l ON l.number = q.legislature
            WHERE {0} AND q.legislature IS NOT NULL GROUP BY q.legislature
            """,
        ["year"] = """
            SELECT extract(year FROM q.published_at)::int::text AS value, NULL AS label, count(*) AS count
            FROM opendata.questions q WHERE {0} GROUP BY 1
            """,
    };

    /// <summary>The requested facets (names from <see cref="Names"/>), in the batch of the page they describe.</summary>
    public static Deferred<IReadOnlyDictionary<string, IReadOnlyList<FacetValue>>> Count(ReadBatch batch, QuestionFilter filter, IReadOnlyList<string> facets)
    {
        var where = batch.Where();
        QuestionSql.Where(filter, where);
        batch.PlanForValues = true;
        foreach (var _ in facets) batch.Work.Count(where.IsEmpty ? CountKind.Filtered : filter.CountKind()); // each groups every matching row
        var statements = facets.Select(f =>
            $"SELECT * FROM ({string.Format(System.Globalization.CultureInfo.InvariantCulture, Sql[f], where.Sql)}) f ORDER BY count DESC, value LIMIT {MaxValues}");
        return batch.Add(statements, async grid =>
        {
            var result = new Dictionary<string, IReadOnlyList<FacetValue>>();
            foreach (var facet in facets) result[facet] = (await grid.ReadAsync<FacetValue>()).ToList();
            return (IReadOnlyDictionary<string, IReadOnlyList<FacetValue>>)result;
        });
    }
}
