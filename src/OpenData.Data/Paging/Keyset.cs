using System.Globalization;
using OpenData.Data.Sql;

namespace OpenData.Data.Paging;

/// <summary>The SQL type of a part of a sort key: how a cursor's text value is checked and cast back.</summary>
public enum KeyType { Text, Date, Integer, BigInt, Real }

/// <summary>A part of a sort key: an SQL expression that is never null for any row, and its type.</summary>
public sealed record KeyPart(string Sql, KeyType Type);

/// <summary>
/// One order of one list, stated once: its public name (REST's sort value, carried by cursors), its direction
/// and its key parts, the last of which is unique. Everything that depends on the order comes from here: the
/// ORDER BY, the key values each row carries for its cursor, the cursors themselves, and the condition that
/// resumes a list after a cursor (values checked against their types first, so a tampered cursor is a client
/// error, never a failed cast in PostgreSQL).
/// </summary>
public sealed record Keyset(string Name, bool Descending, IReadOnlyList<KeyPart> Parts)
{
    public Keyset(string name, bool descending, params KeyPart[] parts) : this(name, descending, (IReadOnlyList<KeyPart>)parts) { }

    private string Direction => Descending ? "DESC" : "ASC";

    public string OrderBy => string.Join(", ", Parts.Select(p => $"{p.Sql} {Direction}"));

    /// <summary>The select-list item giving each row its key values as text, read into the rows' <c>CursorKeys</c>.</summary>
    public string KeysColumn => $"ARRAY[{string.Join(", ", Parts.Select(p => $"({p.Sql})::text"))}] AS cursor_keys";

    public string Cursor(IReadOnlyList<string> keys) => Paging.Cursor.Encode(Name, keys);

    /// <summary>Adds to <paramref name="where"/> the condition selecting the rows after the cursor's row.</summary>
    /// <exception cref="InvalidCursorException">The cursor is not one of this list and order.</exception>
    public void After(string cursor, SqlWhere where)
    {
        var keys = Paging.Cursor.Decode(cursor, Name, Parts.Count);
        if (keys is null || keys.Zip(Parts).Any(k => !IsValid(k.First, k.Second.Type))) throw new InvalidCursorException();
        var columns = string.Join(", ", Parts.Select(p => p.Sql));
        var values = string.Join(", ", keys.Zip(Parts).Select(k => $"{where.Bind(k.First)}::{SqlType(k.Second.Type)}"));
        where.AddRaw($"({columns}) {(Descending ? "<" : ">")} ({values})");
    }

    /// <summary>A page read with one row more than <paramref name="limit"/>: the extra row only says that another page follows.</summary>
    public Page<T> Page<T>(List<T> rows, Func<T, string[]> keysOf, int limit, long total)
    {
        var more = rows.Count > limit;
        if (more) rows.RemoveRange(limit, rows.Count - limit);
        var cursors = rows.Select(r => Cursor(keysOf(r))).ToList();
        return new Page<T>(rows, cursors, total, more ? cursors[^1] : null);
    }

    private static string SqlType(KeyType type) => type switch
    {
        KeyType.Date => "date",
        KeyType.Integer => "integer",
        KeyType.BigInt => "bigint",
        KeyType.Real => "real",
        _ => "text",
    };

    private static bool IsValid(string value, KeyType type) => type switch
    {
        KeyType.Date => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        KeyType.Integer => int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        KeyType.BigInt => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        KeyType.Real => float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && float.IsFinite(real),
        _ => value.Length <= 500 && SqlText.IsStorable(value),
    };
}
