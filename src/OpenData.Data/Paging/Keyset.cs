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
/// ORDER BY, each row's cursor (made in SQL, for REST pages and GraphQL edges alike), and the condition that
/// resumes a list after a cursor (values checked against their types first, so a tampered cursor is a client
/// error, never a failed cast in PostgreSQL).
/// </summary>
public sealed record Keyset(string Name, bool Descending, IReadOnlyList<KeyPart> Parts)
{
    public Keyset(string name, bool descending, params KeyPart[] parts) : this(name, descending, (IReadOnlyList<KeyPart>)parts) { }

    private string Direction => Descending ? "DESC" : "ASC";

    public string OrderBy => string.Join(", ", Parts.Select(p => $"{p.Sql} {Direction}"));

    /// <summary>
    /// The same order, its first key written so that no index supplies it (<c>x + 0</c>, <c>x || ''</c>: the same values):
    /// the rows are found by the filter's own index, then sorted. For a filter whose rows are clustered in time (a
    /// ministry's questions), walking the order's index until the page is full can read most of the table (93,000 rows for
    /// a past ministry's first page at 300,000 questions), however few rows the filter selects.
    /// </summary>
    public Keyset Unindexed() => this with { Parts = [Parts[0] with { Sql = UnindexedSql(Parts[0]) }, .. Parts.Skip(1)] };

    /// <summary>
    /// The same order, its first key written as in <see cref="Unindexed"/> when <paramref name="condition"/> (a bound
    /// boolean) is true, as it is otherwise: planned for its values, the statement keeps one of the two (PostgreSQL folds
    /// the CASE of a constant), so the choice between walking the order's index and sorting the filter's rows is made
    /// when the statement is sent (<see cref="Reading.FewMatches"/>).
    /// </summary>
    public Keyset UnindexedWhen(string condition) => this with
    {
        Parts = [Parts[0] with { Sql = $"CASE WHEN {condition} THEN {UnindexedSql(Parts[0])} ELSE {Parts[0].Sql} END" }, .. Parts.Skip(1)],
    };

    private static string UnindexedSql(KeyPart part) => part.Type == KeyType.Text ? $"({part.Sql} || '')" : $"({part.Sql} + 0)";

    /// <summary>
    /// The cursor of a row, in SQL: the order's name and the row's key values as text, a JSON array, base64url
    /// without padding. The one place cursors are made; <see cref="Cursor.Decode"/> the one place they are read.
    /// </summary>
    public string CursorSql => CursorOf(Parts.Select(p => p.Sql));

    /// <summary>
    /// The cursor of a row of <paramref name="alias"/> that has <see cref="KeyColumns"/>: made from them where it is
    /// needed (a page's end cursor is one row's, not a column of its 101 rows: 40 % of a page of 100's statement).
    /// </summary>
    public string CursorOfKeys(string alias) => CursorOf(Parts.Select((_, i) => $"{alias}.k{i}_"));

    // base64url without padding: encode's base64 has a line break every 76 characters and padding. Four replace()s, not
    // one translate(), which reads its text character by character as multibyte text: a quarter of REST's list of 200
    // (pgbench, its statement: 310-356 a second with translate, 334-434 with replace, 403-437 with neither).
    private string CursorOf(IEnumerable<string> keys) =>
        $"replace(replace(replace(replace(encode(convert_to(json_build_array('{Name}', {string.Join(", ", keys.Select(k => $"({k})::text"))})::text, 'UTF8'), 'base64'), E'\\n', ''), '=', ''), '+', '-'), '/', '_')";

    /// <summary>The select-list items naming a row's key values <c>k0_</c>, <c>k1_</c>…, for <see cref="OrderByKeys"/>.</summary>
    public string KeyColumns => string.Join(", ", Parts.Select((p, i) => $"{p.Sql} AS k{i}_"));

    /// <summary>The same order over rows of <paramref name="alias"/> that have <see cref="KeyColumns"/> (an aggregate's ORDER BY).</summary>
    public string OrderByKeys(string alias) => string.Join(", ", Parts.Select((_, i) => $"{alias}.k{i}_ {Direction}"));

    /// <summary>The select-list item giving each row its cursor, read into the rows' <c>Cursor</c>.</summary>
    public string CursorColumn => $"{CursorSql} AS cursor";

    /// <summary>Whether <paramref name="cursor"/> is one of this list and order (its values of the right types).</summary>
    public bool Accepts(string cursor)
    {
        var keys = Paging.Cursor.Decode(cursor, Name, Parts.Count);
        return keys is not null && keys.Zip(Parts).All(k => IsValid(k.First, k.Second.Type));
    }

    /// <summary>Adds to <paramref name="where"/> the condition selecting the rows after the cursor's row.</summary>
    /// <exception cref="InvalidCursorException">The cursor is not one of this list and order.</exception>
    /// <remarks>
    /// <paramref name="bound"/> is told each key's name ($n) and how that key is read from another cursor of this order
    /// (null when that is not one): a statement compiled for one cursor given by a GraphQL variable runs for the next.
    /// </remarks>
    public void After(string cursor, SqlWhere where, Action<string, Func<string, object?>>? bound = null)
    {
        if (!Accepts(cursor)) throw new InvalidCursorException();
        var keys = Paging.Cursor.Decode(cursor, Name, Parts.Count)!;
        var columns = string.Join(", ", Parts.Select(p => p.Sql));
        var values = string.Join(", ", keys.Zip(Parts).Select((k, i) =>
        {
            var name = where.Bind(k.First);
            bound?.Invoke(name, other => Accepts(other) ? Paging.Cursor.Decode(other, Name, Parts.Count)![i] : null);
            return $"{name}::{SqlType(k.Second.Type)}";
        }));
        where.AddRaw($"({columns}) {(Descending ? "<" : ">")} ({values})");
    }

    /// <summary>
    /// Adds a page's statement (its rows, one more than <paramref name="limit"/>) and its total's to the batch: its rows
    /// read by Dapper, or by <paramref name="parse"/> (a representation's JSON).
    /// </summary>
    internal static Reading.Deferred<Page<T>> Read<T>(Reading.ReadBatch batch, string sql, ListTotal total, Func<T, string?> cursorOf, int limit,
        Func<System.Data.Common.DbDataReader, T>? parse) =>
        batch.Add([sql, total.Statement], async grid =>
        {
            var rows = parse is null ? await grid.ReadAsync<T>() : await grid.ReadAsync(parse);
            return Page(rows, cursorOf, limit, await total.ReadAsync(grid, batch));
        });

    /// <summary>A page read with one row more than <paramref name="limit"/>: the extra row only says that another page follows.</summary>
    public static Page<T> Page<T>(List<T> rows, Func<T, string?> cursorOf, int limit, long total)
    {
        var more = rows.Count > limit;
        if (more) rows.RemoveRange(limit, rows.Count - limit);
        var cursors = rows.Select(r => cursorOf(r)!).ToList();
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

    /// <summary>
    /// A value PostgreSQL's <c>real</c> reads: finite, and not so small that it would round to zero (PostgreSQL refuses
    /// <c>1e-50</c> as out of range where .NET reads 0).
    /// </summary>
    private static bool IsReal(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
        && (real == 0 || Math.Abs(real) is >= SmallestReal and <= float.MaxValue);

    /// <summary>The smallest normal <c>real</c> (FLT_MIN): PostgreSQL refuses what strtof underflows below it.</summary>
    private const double SmallestReal = 1.17549435e-38;

    private static bool IsValid(string value, KeyType type) => type switch
    {
        KeyType.Date => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        KeyType.Integer => int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        KeyType.BigInt => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        KeyType.Real => IsReal(value),
        _ => value.Length <= SqlText.MaxClientText && SqlText.IsStorable(value),
    };
}
