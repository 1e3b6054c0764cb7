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
}
