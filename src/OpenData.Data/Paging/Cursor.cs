using System.Buffers.Text;
using System.Text.Json;

namespace OpenData.Data.Paging;

/// <summary>
/// Opaque keyset cursors: the sort's name and the sort key of the last row returned, as a base64url JSON
/// array of text values. They hold values, not offsets, so a page never skips or repeats a row, and a cursor
/// stays valid across imports of the same data. Only <see cref="Keyset"/> reads and writes them.
/// </summary>
internal static class Cursor
{
    public const int MaxLength = 1024;

    public static string Encode(string sort, IReadOnlyList<string> keys) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new[] { sort }.Concat(keys).ToArray()));

    /// <summary>
    /// The cursor's key values as text when it was made for <paramref name="sort"/> with that many keys; null for
    /// anything else, whatever the bytes (numbers are accepted as their text, for cursors of earlier versions).
    /// </summary>
    public static string[]? Decode(string cursor, string sort, int keyCount)
    {
        if (cursor.Length > MaxLength) return null;
        try
        {
            using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(cursor));
            var parts = document.RootElement;
            if (parts.ValueKind != JsonValueKind.Array || parts.GetArrayLength() != keyCount + 1) return null;
            var values = new string[keyCount + 1];
            for (var i = 0; i <= keyCount; i++)
            {
                var part = parts[i];
                values[i] = part.ValueKind switch
                {
                    JsonValueKind.String => part.GetString()!,
                    JsonValueKind.Number when i > 0 => part.GetRawText(),
                    _ => null!,
                };
                if (values[i] is null) return null;
            }
            return values[0] == sort ? values[1..] : null;
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException or InvalidOperationException)
        {
            return null; // not base64url, not JSON, or text JSON cannot hold (a lone surrogate)
        }
    }
}

/// <summary>One page of a list: the rows, each row's cursor, the exact total of the filtered list and the cursor of the next page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, IReadOnlyList<string> Cursors, long Total, string? NextCursor)
{
    public static Page<T> Empty(long total) => new([], [], total, null);
}

/// <summary>Thrown for a cursor that is malformed or was made for another sort or list.</summary>
public sealed class InvalidCursorException() : Exception("the cursor is not valid for this list and sort");
