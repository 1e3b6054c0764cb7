using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace OpenData.Data.Paging;

/// <summary>
/// Opaque keyset cursors: the sort name and the sort key of the last row returned, base64url-encoded.
/// They hold values, not offsets, so a page never skips or repeats a row, and a cursor stays valid
/// across imports of the same data.
/// </summary>
public static class Cursor
{
    public static string Encode(string sort, params object?[] keys)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new object?[] { sort }.Concat(keys).ToArray());
        return Base64Url.EncodeToString(json);
    }

    /// <summary>The cursor's key values when it was made for <paramref name="sort"/> with that many keys; null otherwise.</summary>
    public static JsonElement[]? Decode(string cursor, string sort, int keyCount)
    {
        try
        {
            if (cursor.Length > 512) return null;
            var parts = JsonSerializer.Deserialize<JsonElement[]>(Base64Url.DecodeFromChars(cursor));
            if (parts is null || parts.Length != keyCount + 1 || parts[0].ValueKind != JsonValueKind.String || parts[0].GetString() != sort)
                return null;
            return parts[1..];
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }
}

/// <summary>One page of a list: the rows, the exact total of the filtered list and the cursor of the next page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, long Total, string? NextCursor);

/// <summary>Thrown for a cursor that is malformed or was made for another sort or list.</summary>
public sealed class InvalidCursorException() : Exception("the cursor is not valid for this list and sort");
