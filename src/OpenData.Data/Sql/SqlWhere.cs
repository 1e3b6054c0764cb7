namespace OpenData.Data.Sql;

/// <summary>
/// The values of one batch's statements, bound by position ($1, $2, …) and shared by every statement of the batch,
/// so that conditions and statements can be combined freely: statement text goes to PostgreSQL as it is written,
/// with nothing for Npgsql to parse or rewrite.
/// </summary>
public sealed class SqlValues
{
    private readonly List<object> values = [];

    public IReadOnlyList<object> All => values;

    /// <summary>Adds a value; returns its SQL name ($n).</summary>
    public string Bind(object value)
    {
        values.Add(value);
        return "$" + values.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The value named $<paramref name="position"/>.</summary>
    public object this[int position] => values[position - 1];

    /// <summary><paramref name="sql"/> and the values it names: equal for two statements that read the same rows.</summary>
    public string Fingerprint(string sql)
    {
        var positions = System.Text.RegularExpressions.Regex.Matches(sql, @"\$([0-9]+)")
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct();
        return sql + "\n" + System.Text.Json.JsonSerializer.Serialize(positions.Select(n => this[n]).ToArray());
    }
}

/// <summary>
/// Collects WHERE conditions and binds their values in a parameter bag that may be shared by every statement
/// of one batch. Values are always parameters, never text in the SQL.
/// </summary>
public sealed class SqlWhere(SqlValues? parameters = null, Reading.BatchWork? work = null)
{
    private readonly List<string> conditions = [];

    public SqlValues Parameters { get; } = parameters ?? new SqlValues();

    /// <summary>Adds a condition whose "{0}" is replaced by the name of a parameter holding <paramref name="value"/>.</summary>
    public SqlWhere Add(string condition, object value)
    {
        conditions.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, condition, Bind(value)));
        return this;
    }

    public SqlWhere AddIf(bool when, string condition, object? value) => when && value is not null ? Add(condition, value) : this;

    /// <summary>Adds a condition without a parameter.</summary>
    public SqlWhere AddRaw(string condition)
    {
        conditions.Add(condition);
        return this;
    }

    /// <summary>
    /// Adds the condition that the row <paramref name="alias"/> of <paramref name="table"/> matches the words of a full-text
    /// search (its <c>search</c> column); returns the bound tsquery. The search is recorded in the batch's work (its price
    /// depends on its matches).
    /// </summary>
    public string MatchesWords(string table, string alias, string words)
    {
        var tsQuery = Reading.FullTextSearch.Query(Bind(words));
        conditions.Add($"{alias}.search @@ {tsQuery}");
        work?.Searched(new Reading.FullTextSearch(table, words));
        return tsQuery;
    }

    /// <summary>Adds a parameter for use elsewhere in the statement; returns its SQL name.</summary>
    public string Bind(object value) => Parameters.Bind(value);

    /// <summary>A copy of these conditions (same parameter bag) to which more can be added.</summary>
    public SqlWhere Extend()
    {
        var copy = new SqlWhere(Parameters, work);
        copy.conditions.AddRange(conditions);
        return copy;
    }

    public string Sql => conditions.Count == 0 ? "TRUE" : string.Join("\n  AND ", conditions);

    public bool IsEmpty => conditions.Count == 0;

    /// <summary>
    /// What the conditions select, unambiguously: their SQL and the values bound in them, as JSON. Keys a
    /// cache of results (two different filters never share a key, whatever characters their values hold).
    /// </summary>
    public string Fingerprint() => Parameters.Fingerprint(Sql);
}
