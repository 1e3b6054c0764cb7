using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace OpenData.Data.Graph;

/// <summary>
/// The columns a connection's page reads: those its objects refer to as <c>page.column</c>, and nothing else (a page
/// of questions asked for their ids does not carry their texts, nor compute cursors nobody asked for).
/// </summary>
internal static class PageColumns
{
    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> Lists = new();

    /// <summary>
    /// The select list (each item followed by a comma) of the <paramref name="columns"/> (a list as REST reads it, or
    /// <c>alias.*</c>) that <paramref name="sql"/> uses through <paramref name="page"/>, and the cursor if it is used.
    /// </summary>
    public static string Select(string columns, string sql, string page, string cursorColumn)
    {
        var used = Regex.Matches(sql, $@"\b{page}\.(\w+)").Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var select = columns.EndsWith(".*", StringComparison.Ordinal) // a small table: every column
            ? [columns]
            : Lists.GetOrAdd(columns, Parse).Where(c => used.Contains(c.Key)).Select(c => c.Value).ToList();
        if (used.Contains("cursor")) select.Add(cursorColumn);
        return string.Concat(select.Select(c => c + ", "));
    }

    // "q.id, q.title, (q.status = 'x') AS overdue": each column by the name it has in the result.
    private static IReadOnlyDictionary<string, string> Parse(string columns)
    {
        var list = new Dictionary<string, string>(StringComparer.Ordinal);
        var depth = 0;
        var start = 0;
        for (var i = 0; i <= columns.Length; i++)
        {
            if (i < columns.Length && columns[i] is '(') depth++;
            else if (i < columns.Length && columns[i] is ')') depth--;
            else if (i == columns.Length || (columns[i] == ',' && depth == 0))
            {
                var column = columns[start..i].Trim();
                var alias = column.LastIndexOf(" AS ", StringComparison.OrdinalIgnoreCase);
                var name = alias >= 0 ? column[(alias + 4)..].Trim() : column[(column.LastIndexOf('.') + 1)..];
                list[name] = column;
                start = i + 1;
            }
        }
        return list;
    }
}
