using System.Text.Json;
using OpenData.Data.Representations;

namespace OpenData.Api.Rest;

/// <summary>
/// The CSV columns of a representation's rows: its values and lists of values (<see cref="Representation.CsvFields"/>),
/// each as its JSON holds it (a date or a time as its text, a list as its items joined by "; ").
/// </summary>
public static class RepresentationCsv
{
    /// <summary>The columns, for one export: each row's JSON is read once, by the first column.</summary>
    public static IReadOnlyList<CsvColumn<JsonRow>> Columns(Representation representation)
    {
        JsonRow? read = null;
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        string? Value(JsonRow row, string name)
        {
            if (!ReferenceEquals(row, read))
            {
                values.Clear();
                using var json = JsonDocument.Parse(row.Json);
                foreach (var property in json.RootElement.EnumerateObject()) values[property.Name] = Text(property.Value);
                read = row;
            }
            return values.GetValueOrDefault(name);
        }
        return representation.CsvFields.Select(f => new CsvColumn<JsonRow>(f.Name, row => Value(row, f.Name))).ToList();
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined or JsonValueKind.Object => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Array => string.Join("; ", value.EnumerateArray().Select(Text)),
        _ => value.GetRawText(), // a number as JSON writes it
    };
}
