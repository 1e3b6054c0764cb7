using System.Globalization;
using System.Text;

namespace OpenData.Ingest.Source;

/// <summary>PostgreSQL COPY text format: <c>\N</c> is NULL, backslash escapes stand for special characters.</summary>
public static class CopyText
{
    public static string? Decode(ReadOnlySpan<char> field, out string? error)
    {
        error = null;
        if (field is @"\N") return null;
        var backslash = field.IndexOf('\\');
        if (backslash < 0) return field.ToString();

        var builder = new StringBuilder(field.Length);
        builder.Append(field[..backslash]);
        for (var i = backslash; i < field.Length; i++)
        {
            var c = field[i];
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }
            if (++i == field.Length)
            {
                error = "a backslash ends the field";
                return null;
            }
            c = field[i];
            switch (c)
            {
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'v': builder.Append('\v'); break;
                case >= '0' and <= '7':
                    var octal = c - '0';
                    for (var digits = 1; digits < 3 && i + 1 < field.Length && field[i + 1] is >= '0' and <= '7'; digits++)
                        octal = octal * 8 + (field[++i] - '0');
                    builder.Append((char)octal);
                    break;
                case 'x' when i + 1 < field.Length && char.IsAsciiHexDigit(field[i + 1]):
                    var hexLength = i + 2 < field.Length && char.IsAsciiHexDigit(field[i + 2]) ? 2 : 1;
                    builder.Append((char)int.Parse(field.Slice(i + 1, hexLength), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += hexLength;
                    break;
                default: builder.Append(c); break; // \\ and any other escaped character stand for themselves
            }
        }
        return builder.ToString();
    }
}
