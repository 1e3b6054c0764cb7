using System.Text.Json;
using OpenData.Data.Representations;

namespace OpenData.Api.Rest;

/// <summary>
/// The CSV columns of a representation's rows (<see cref="Representation.CsvColumns"/>), each as its JSON holds it: a
/// date or a time as its text, a list as its items joined by "; ", a value within an object by its path.
/// </summary>
public static class RepresentationCsv
{
    /// <summary>The columns, for one export: each row's JSON is read once, by its first column.</summary>
    public static IReadOnlyList<CsvColumn<JsonRow>> Columns(Representation representation)
    {
        JsonRow? read = null;
        JsonDocument? json = null;
        string? Value(JsonRow row, CsvValue column)
        {
            if (!ReferenceEquals(row, read))
            {
                json?.Dispose();
                json = JsonDocument.Parse(row.Json);
                read = row;
            }
            return json!.RootElement.TryGetProperty(column.Field, out var value) ? Text(value, column.Path) : null;
        }
        return representation.CsvColumns.Select(c => new CsvColumn<JsonRow>(c.Header, row => Value(row, c))).ToList();
    }

    private static string? Text(JsonElement value, string? path)
    {
        if (path is not null && value.ValueKind == JsonValueKind.Object)
        {
            var dot = path.IndexOf('.', StringComparison.Ordinal);
            return value.TryGetProperty(dot < 0 ? path : path[..dot], out var inner) ? Text(inner, dot < 0 ? null : path[(dot + 1)..]) : null;
        }
        return value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined or JsonValueKind.Object => null,
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Array => string.Join("; ", value.EnumerateArray().Select(item => Text(item, path))),
            _ => value.GetRawText(), // a number as JSON writes it
        };
    }
}
