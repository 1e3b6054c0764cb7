using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenData.Data.Representations;

/// <summary>
/// A row of a REST list as its representation's JSON in UTF-8 (<see cref="RepresentationWriter"/>), and the cursor that
/// resumes the list after it. Serialized as that JSON, never decoded into objects and encoded again.
/// </summary>
[JsonConverter(typeof(JsonRowConverter))]
public sealed record JsonRow(byte[] Json, string? Cursor)
{
    /// <summary>Read for a CSV export (<see cref="RepresentationWriter.CsvRows"/>): its CSV fields in order, and no JSON.</summary>
    public IReadOnlyList<string?>? Csv { get; init; }
}

internal sealed class JsonRowConverter : JsonConverter<JsonRow>
{
    public override JsonRow Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("a representation's JSON is written, not read");

    public override void Write(Utf8JsonWriter writer, JsonRow value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Json, skipInputValidation: true);
}
