using System.Buffers;
using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OpenData.Data.Representations;

/// <summary>
/// Writes a row read by a representation's <see cref="Representation.Columns"/> as its JSON: each value by its field's
/// type, each held object from its columns (null when it is not there), each list or object PostgreSQL built as it came.
/// What to write is planned once per representation (<see cref="Plan"/>): a row costs its values, nothing more.
/// </summary>
public sealed class RepresentationWriter(Representation representation, bool optional = false)
{
    /// <summary>How strings are escaped: as the API writes its own JSON (French text stays readable).</summary>
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    private readonly Step[] plan = Plans.GetOrAdd((representation, optional), key => Plan(key.Representation, key.Optional));
    private readonly ArrayBufferWriter<byte> buffer = new(4096);
    private Utf8JsonWriter? writer;

    /// <summary>
    /// Adds to <paramref name="batch"/> the statement of a whole list of <paramref name="representation"/>'s rows (a lookup
    /// list, statistics): the rows <paramref name="row"/> of <paramref name="from"/> in <paramref name="orderBy"/>'s order,
    /// each read as its JSON, or as its CSV fields for a CSV export (<paramref name="csv"/>).
    /// </summary>
    internal static Reading.Deferred<IReadOnlyList<JsonRow>> List(Reading.ReadBatch batch, Representation representation, string from, string row,
        string orderBy, bool csv)
    {
        var rows = new RepresentationWriter(representation).Exported(csv);
        return batch.Add($"SELECT {representation.Columns(row)} FROM {from} ORDER BY {orderBy}",
            async grid => (IReadOnlyList<JsonRow>)await grid.ReadAsync(rows));
    }

    /// <summary>Reads each row of an export: as its CSV fields for a CSV export (<paramref name="csv"/>), else as its JSON.</summary>
    public Func<DbDataReader, JsonRow> Exported(bool csv) => csv ? CsvRows() : Rows(withCursor: false);

    /// <summary>Reads each row as <see cref="Read"/> does.</summary>
    public Func<DbDataReader, JsonRow> Rows(bool withCursor) => reader => Read(reader, withCursor);

    /// <summary>The row the reader is on, as JSON; its cursor is the column after the representation's.</summary>
    public JsonRow Read(DbDataReader reader, bool withCursor)
    {
        buffer.ResetWrittenCount();
        if (writer is null) writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Encoder, SkipValidation = true });
        else writer.Reset(buffer);
        var column = 0;
        Write(plan, reader, ref column);
        writer.Flush();
        var cursor = withCursor && !reader.IsDBNull(column) ? reader.GetString(column) : null;
        return new JsonRow(buffer.WrittenSpan.ToArray(), cursor);
    }

    /// <summary>
    /// Reads each row as its CSV fields (<see cref="Representation.CsvColumns"/>, in order) from the same columns, without
    /// writing its JSON: an export in CSV.
    /// </summary>
    public Func<DbDataReader, JsonRow> CsvRows()
    {
        var fields = CsvPlans.GetOrAdd((representation, optional), key => key.Representation.CsvColumns.Select(c => CsvField(plan, 0, c)).ToArray());
        return reader => new JsonRow([], null) { Csv = Array.ConvertAll(fields, field => field(reader)) };
    }

    private static readonly ConcurrentDictionary<(Representation Representation, bool Optional), Func<DbDataReader, string?>[]> CsvPlans = new();

    // How a CSV column is read from the row's columns (those of steps from start): its field's step, found by name, and
    // the path within it.
    private static Func<DbDataReader, string?> CsvField(Step[] steps, int start, CsvValue value)
    {
        var column = start;
        foreach (var step in steps)
        {
            if (step.Name.Value == value.Field) return CsvField(step, column, value.Path);
            column += step.Columns;
        }
        throw new InvalidOperationException($"no field {value.Field} for the CSV column {value.Header}");
    }

    private static Func<DbDataReader, string?> CsvField(Step step, int column, string? path)
    {
        switch (step.Kind)
        {
            case Kind.Value when path is null:
                return reader => reader.IsDBNull(column) ? null : CsvText(step.Type, reader.GetValue(column));
            case Kind.Held when path is not null:
                var dot = path.IndexOf('.', StringComparison.Ordinal);
                var inner = CsvField(step.Object!, column + (step.Present ? 1 : 0), new CsvValue(path, dot < 0 ? path : path[..dot], dot < 0 ? null : path[(dot + 1)..]));
                return reader => step.Present && !reader.GetBoolean(column) ? null : inner(reader);
            case Kind.Zipped when path is not null:
                var item = Array.IndexOf(step.ItemNames!, path);
                return reader => reader.IsDBNull(column + item) ? null
                    : string.Join("; ", ((Array)reader.GetValue(column + item)).Cast<object?>().Select(v => v is null ? "" : CsvText(step.ItemTypes![item], v)));
            case Kind.Json:
                return reader => reader.IsDBNull(column) ? null : JsonText(JsonDocument.Parse(reader.GetString(column)).RootElement, path);
            default:
                throw new InvalidOperationException($"no CSV for {step.Name} at {path}");
        }
    }

    private static string CsvText(string type, object value) => type switch
    {
        "DateTime" when value is DateTime time => Dates.Text(time),
        "Boolean" => (bool)value ? "true" : "false",
        "Date" => (value is DateOnly date ? date : DateOnly.FromDateTime((DateTime)value)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "Float" => Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    // A value of PostgreSQL's JSON (a list, an object) by its path: a list's items joined.
    private static string? JsonText(JsonElement value, string? path)
    {
        if (value.ValueKind == JsonValueKind.Array) return string.Join("; ", value.EnumerateArray().Select(item => JsonText(item, path) ?? ""));
        if (path is not null)
        {
            var dot = path.IndexOf('.', StringComparison.Ordinal);
            return value.ValueKind == JsonValueKind.Object && value.TryGetProperty(dot < 0 ? path : path[..dot], out var inner)
                ? JsonText(inner, dot < 0 ? null : path[(dot + 1)..]) : null;
        }
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    private enum Kind { Value, Held, Zipped, Json }

    // A field as written: its name (encoded once), how, its scalar type, its object's plan and columns.
    private sealed record Step(JsonEncodedText Name, Kind Kind, string Type, Step[]? Object = null, bool Present = false, int Columns = 1,
        string[]? ItemNames = null, string[]? ItemTypes = null);

    private static readonly ConcurrentDictionary<(Representation Representation, bool Optional), Step[]> Plans = new();

    private static Step[] Plan(Representation representation, bool optional) => representation.Written(optional).Select(f =>
    {
        var name = JsonEncodedText.Encode(f.Name, Encoder);
        if (f.Held is { } held)
        {
            var inner = Plan(held, optional);
            return new Step(name, Kind.Held, f.ItemType, inner, f.Present is not null, inner.Sum(s => s.Columns) + (f.Present is null ? 0 : 1));
        }
        if (f.Zipped is { } arrays)
            return new Step(name, Kind.Zipped, f.ItemType, Columns: arrays.Count,
                ItemNames: f.Object!.Fields.Select(i => i.Name).ToArray(), ItemTypes: f.Object.Fields.Select(i => i.ItemType).ToArray());
        return new Step(name, f.IsValue ? Kind.Value : Kind.Json, f.ItemType);
    }).ToArray();

    private void Write(Step[] steps, DbDataReader reader, ref int column)
    {
        writer!.WriteStartObject();
        foreach (var step in steps)
        {
            writer.WritePropertyName(step.Name);
            switch (step.Kind)
            {
                case Kind.Held when step.Present && !reader.GetBoolean(column):
                    writer.WriteNullValue();
                    column += step.Columns;
                    break;
                case Kind.Held:
                    if (step.Present) column++;
                    Write(step.Object!, reader, ref column);
                    break;
                case Kind.Zipped:
                    Zipped(step, reader, column);
                    column += step.Columns;
                    break;
                case var _ when reader.IsDBNull(column):
                    writer.WriteNullValue();
                    column++;
                    break;
                case Kind.Value:
                    Value(step.Type, reader, column++);
                    break;
                default:
                    writer.WriteRawValue(reader.GetString(column++), skipInputValidation: true);
                    break;
            }
        }
        writer.WriteEndObject();
    }

    // A list of objects from one array per field (Representation.Zipping), an item per index.
    private void Zipped(Step step, DbDataReader reader, int column)
    {
        var arrays = new Array[step.Columns];
        for (var f = 0; f < arrays.Length; f++) arrays[f] = reader.IsDBNull(column + f) ? Array.Empty<object>() : (Array)reader.GetValue(column + f);
        writer!.WriteStartArray();
        for (var i = 0; i < arrays[0].Length; i++)
        {
            writer.WriteStartObject();
            for (var f = 0; f < arrays.Length; f++)
            {
                writer.WritePropertyName(step.ItemNames![f]);
                if (arrays[f].GetValue(i) is { } value) Value(step.ItemTypes![f], value);
                else writer.WriteNullValue();
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    // A value by its type's getter (no boxing): integers as long, dates as DateOnly; text for ID, String and DateTime.
    private void Value(string type, DbDataReader reader, int column)
    {
        switch (type)
        {
            case "Int" or "Long":
                writer!.WriteNumberValue(reader.GetFieldValue<long>(column));
                break;
            case "Float":
                writer!.WriteNumberValue(reader.GetDouble(column));
                break;
            case "Boolean":
                writer!.WriteBooleanValue(reader.GetBoolean(column));
                break;
            case "Date":
                Date(reader.GetFieldValue<DateOnly>(column));
                break;
            case "DateTime" when reader.GetFieldType(column) == typeof(DateTime):
                writer!.WriteStringValue(Dates.Text(reader.GetDateTime(column)));
                break;
            default: // ID, String, and a DateTime given as its text
                writer!.WriteStringValue(reader.GetString(column));
                break;
        }
    }

    private void Value(string type, object value)
    {
        switch (type)
        {
            case "Int" or "Long":
                writer!.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case "Float":
                writer!.WriteNumberValue(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                break;
            case "Boolean":
                writer!.WriteBooleanValue((bool)value);
                break;
            case "Date":
                Date(value is DateOnly date ? date : DateOnly.FromDateTime((DateTime)value));
                break;
            case "DateTime" when value is DateTime time:
                writer!.WriteStringValue(Dates.Text(time));
                break;
            default:
                writer!.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private void Date(DateOnly date)
    {
        Span<char> text = stackalloc char[10];
        date.TryFormat(text, out _, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        writer!.WriteStringValue(text);
    }
}
