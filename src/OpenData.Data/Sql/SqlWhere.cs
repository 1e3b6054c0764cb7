using Dapper;

namespace OpenData.Data.Sql;

/// <summary>
/// Collects WHERE conditions and binds their values in a parameter bag that may be shared by every statement
/// of one batch. Values are always parameters, never text in the SQL; parameter names are generated so that
/// conditions and statements can be combined freely.
/// </summary>
public sealed class SqlWhere(DynamicParameters? parameters = null)
{
    private readonly List<string> conditions = [];

    public DynamicParameters Parameters { get; } = parameters ?? new DynamicParameters();

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

    /// <summary>Adds a parameter for use elsewhere in the statement; returns its SQL name.</summary>
    public string Bind(object value)
    {
        var name = $"p{Parameters.ParameterNames.Count()}";
        Parameters.Add(name, value);
        return "@" + name;
    }

    /// <summary>A copy of these conditions (same parameter bag) to which more can be added.</summary>
    public SqlWhere Extend()
    {
        var copy = new SqlWhere(Parameters);
        copy.conditions.AddRange(conditions);
        return copy;
    }

    public string Sql => conditions.Count == 0 ? "TRUE" : string.Join("\n  AND ", conditions);

    public bool IsEmpty => conditions.Count == 0;

    /// <summary>
    /// What the conditions select, unambiguously: their SQL and the values bound in them, as JSON. Keys a
    /// cache of results (two different filters never share a key, whatever characters their values hold).
    /// </summary>
    public string Fingerprint()
    {
        var names = System.Text.RegularExpressions.Regex.Matches(Sql, "@(p[0-9]+)").Select(m => m.Groups[1].Value).Distinct();
        var values = names.Select(n => Parameters.Get<object?>(n)).ToArray();
        return Sql + "\n" + System.Text.Json.JsonSerializer.Serialize(values);
    }
}
