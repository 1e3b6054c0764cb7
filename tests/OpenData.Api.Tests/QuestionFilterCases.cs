using OpenData.Testing;

namespace OpenData.Api.Tests;

/// <summary>
/// Question filters, each with an SQL predicate of the test's own that selects the same rows. REST sends the query as it
/// stands; GraphQL sends the same filter as its input object (same names, enum values in capitals).
/// {author} is the busiest author, {ministry} the ministry with most questions awaiting an answer, {lineage} a ministry
/// with predecessors.
/// </summary>
public static class QuestionFilterCases
{
    private enum Api { Both, Rest, GraphQL }

    private static readonly (string Query, string Sql, Api In)[] All =
    [
        ("senator={author}", "author_id = '{author}'", Api.Both),
        ("ministry={ministry}", "ministry_ids @> ARRAY[{ministry}]::bigint[]", Api.Both),
        ("ministry={lineage}&lineage=true", "ministry_ids && (SELECT lineage_ids FROM opendata.ministries WHERE id = {lineage})", Api.GraphQL),
        ("nature=QOSD", "nature_code = 'QOSD'", Api.Rest),
        ("nature=QOSD&nature=QG", "nature_code IN ('QOSD', 'QG')", Api.Rest),
        ("nature=QOSD,QG", "nature_code IN ('QOSD', 'QG')", Api.Both),
        ("status=lapsed", "status = 'lapsed'", Api.Rest),
        ("status=answered&status=withdrawn", "status IN ('answered', 'withdrawn')", Api.Both),
        ("legislature=17", "legislature = 17", Api.Both),
        ("theme=5", "5 = ANY(theme_ids)", Api.Both),
        ("group=UC", "author_group = 'UC'", Api.Both),
        ("publishedFrom=2025-01-01", "published_at >= '2025-01-01'", Api.Both),
        ("publishedTo=2024-06-30", "published_at <= '2024-06-30'", Api.Both),
        ("answeredFrom=2025-01-01&answeredTo=2025-06-30", "answered_at BETWEEN '2025-01-01' AND '2025-06-30'", Api.Both),
        ("overdue=true", "status = 'awaiting_answer' AND deadline < current_date", Api.Both),
        ("overdue=false", "NOT (status = 'awaiting_answer' AND coalesce(deadline < current_date, false))", Api.Both),
        ("updatedSince=2000-01-01", "(SELECT landed_at FROM opendata_meta.landings l WHERE l.version = updated_version) >= '2000-01-01'", Api.Both),
        ("q=désertification", "search @@ websearch_to_tsquery('opendata_meta.french_unaccent', 'désertification')", Api.Both),
        ("q=DESERTIFICATION", "search @@ websearch_to_tsquery('opendata_meta.french_unaccent', 'désertification')", Api.GraphQL),
        ("status=answered&nature=QE&publishedFrom=2025-01-01&theme=5",
            "status = 'answered' AND nature_code = 'QE' AND published_at >= '2025-01-01' AND 5 = ANY(theme_ids)", Api.Both),
        ("ministry={ministry}&status=awaiting_answer&q=communes",
            "ministry_ids @> ARRAY[{ministry}]::bigint[] AND status = 'awaiting_answer' AND search @@ websearch_to_tsquery('opendata_meta.french_unaccent', 'communes')", Api.Rest),
    ];

    /// <summary>REST query string, SQL predicate.</summary>
    public static TheoryData<string, string> Rest => Cases(Api.Rest, query => query);

    /// <summary>GraphQL filter argument, SQL predicate.</summary>
    public static TheoryData<string, string> GraphQL => Cases(Api.GraphQL, ToGraphQL);

    /// <summary>The filter and the predicate with the sample keys put in.</summary>
    public static async Task<(string Filter, string Sql)> FillAsync(TestDatabase database, string filter, string sql)
    {
        var author = await database.ScalarAsync<string>("SELECT author_id FROM opendata.questions GROUP BY author_id ORDER BY count(*) DESC, author_id LIMIT 1");
        var ministry = await database.ScalarAsync<long>(
            "SELECT ministry_id FROM opendata.questions WHERE status = 'awaiting_answer' GROUP BY ministry_id ORDER BY count(*) DESC, ministry_id LIMIT 1");
        var lineage = await database.ScalarAsync<long>("SELECT id FROM opendata.ministries WHERE cardinality(lineage_ids) > 2 ORDER BY id LIMIT 1");
        string Fill(string text) => text.Replace("{author}", author).Replace("{ministry}", $"{ministry}").Replace("{lineage}", $"{lineage}");
        return (Fill(filter), Fill(sql));
    }

    private static TheoryData<string, string> Cases(Api api, Func<string, string> form)
    {
        var cases = new TheoryData<string, string>();
        foreach (var (query, sql, _) in All.Where(c => c.In == Api.Both || c.In == api)) cases.Add(form(query), sql);
        return cases;
    }

    /// <summary>A REST query as a GraphQL filter: repeated or comma-separated values make a list.</summary>
    private static string ToGraphQL(string query)
    {
        var fields = query.Split('&').Select(p => p.Split('=', 2)).GroupBy(p => p[0], p => p[1]).Select(field => field.Key + ": " + field.Key switch
        {
            "nature" or "status" => $"[{string.Join(", ", field.SelectMany(v => v.Split(',')).Select(v => v.ToUpperInvariant()))}]",
            "ministry" or "legislature" or "theme" or "lineage" or "overdue" => field.Single(),
            _ => $"\"{field.Single()}\"",
        });
        return $"{{ {string.Join(", ", fields)} }}";
    }
}
