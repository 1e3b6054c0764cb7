using System.Globalization;
using System.Text;

namespace OpenData.Api.Rest;

/// <summary>A CSV column: its header and how to read it from a row.</summary>
public sealed record CsvColumn<T>(string Header, Func<T, object?> Value);

/// <summary>RFC 4180 CSV: comma-separated, CRLF line ends, fields quoted when they hold a comma, quote or line break.</summary>
public static class Csv
{
    public static void AppendRow(StringBuilder line, IEnumerable<string?> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first) line.Append(',');
            first = false;
            if (field is null) continue;
            if (field.AsSpan().IndexOfAny(",\"\r\n") < 0)
            {
                line.Append(field);
                continue;
            }
            line.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        line.Append("\r\n");
    }

    public static string? Format(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString(t.TimeOfDay == TimeSpan.Zero && t.Kind != DateTimeKind.Utc ? "yyyy-MM-dd" : "yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable<string> list => string.Join("; ", list),
        _ => value.ToString(),
    };
}
