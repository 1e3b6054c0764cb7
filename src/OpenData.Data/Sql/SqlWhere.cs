using Dapper;

namespace OpenData.Data.Sql;

/// <summary>
/// Collects WHERE conditions and their bound parameters. Values are always parameters, never text in the
/// SQL; parameter names are generated so conditions can be combined freely.
/// </summary>
public sealed class SqlWhere
{
    private readonly List<string> conditions = [];

    public DynamicParameters Parameters { get; } = new();

    /// <summary>Adds a condition whose "{0}" is replaced by the name of a parameter holding <paramref name="value"/>.</summary>
    public SqlWhere Add(string condition, object value)
    {
        var name = $"p{Parameters.ParameterNames.Count()}";
        Parameters.Add(name, value);
        conditions.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, condition, "@" + name));
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

    public string Sql => conditions.Count == 0 ? "TRUE" : string.Join("\n  AND ", conditions);

    public bool IsEmpty => conditions.Count == 0;

    /// <summary>Whether <paramref name="build"/> adds any condition to a new clause.</summary>
    public static bool AnyCondition(Action<SqlWhere> build)
    {
        var where = new SqlWhere();
        build(where);
        return !where.IsEmpty;
    }
}
