namespace OpenData.Data.Sql;

/// <summary>What text PostgreSQL can store and compare: anything but NUL and malformed UTF-16 (lone surrogates).</summary>
public static class SqlText
{
    /// <summary>The longest text a client may send (a parameter, a GraphQL string, a cursor's key), in characters.</summary>
    public const int MaxClientText = 500;

    /// <summary>Whether <paramref name="value"/> can be sent to PostgreSQL as text (no NUL, no lone surrogate).</summary>
    public static bool IsStorable(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0') return false;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])) return false;
                i++;
            }
            else if (char.IsLowSurrogate(c)) return false;
        }
        return true;
    }

    /// <summary>Escapes LIKE's wildcards so that user text is matched literally (the SQL uses the default escape, backslash).</summary>
    public static string LikeContains(string foldedParameter) =>
        $"'%' || replace(replace(replace({foldedParameter}, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'";

    /// <summary>
    /// The SQL of <paramref name="text"/> percent-encoded as a URL's query value, as .NET's Uri.EscapeDataString does:
    /// every byte of its UTF-8 but the unreserved characters (letters, digits, - . _ ~) as %XX. A text of unreserved
    /// characters only (every question id, most others) is itself, without splitting it character by character.
    /// </summary>
    public static string UrlEscaped(string text) =>
        $"(CASE WHEN {text} ~ '^[A-Za-z0-9._~-]*$' THEN {text} ELSE (SELECT coalesce(string_agg(CASE WHEN u.ch ~ '^[A-Za-z0-9._~-]$' THEN u.ch ELSE upper(regexp_replace(encode(convert_to(u.ch, 'UTF8'), 'hex'), '(..)', '%\\1', 'g')) END, '' ORDER BY u.n), '') " +
        $"FROM regexp_split_to_table({text}, '') WITH ORDINALITY u(ch, n)) END)";
}
