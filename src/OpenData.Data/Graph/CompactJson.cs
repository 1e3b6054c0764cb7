using System.Buffers;

namespace OpenData.Data.Graph;

/// <summary>
/// PostgreSQL's JSON without its layout: <c>json_build_object</c> writes <c>{"a" : 1, "b" : 2}</c> and <c>json_agg</c>
/// puts a line break between elements. Whitespace outside strings is only layout (PostgreSQL escapes control characters
/// inside strings), so dropping it gives the same JSON, a fifth shorter.
/// </summary>
public static class CompactJson
{
    private static readonly SearchValues<byte> SpecialBytes = SearchValues.Create("\" \n\t\r"u8);

    /// <summary>
    /// Compacts UTF-8 JSON in place (a byte of a multi-byte character is never ASCII, so the layout and the quotes are
    /// found byte by byte); returns the compact JSON's length.
    /// </summary>
    public static int Of(Span<byte> json)
    {
        var length = 0;
        var at = 0;
        while (at < json.Length)
        {
            var next = json[at..].IndexOfAny(SpecialBytes);
            var end = next < 0 ? json.Length : at + next;
            json[at..end].CopyTo(json[length..]);
            length += end - at;
            at = end;
            if (at == json.Length) break;
            if (json[at] != (byte)'"')
            {
                at++; // layout
                continue;
            }
            var stringEnd = at + StringEnd(json[at..]);
            json[at..stringEnd].CopyTo(json[length..]);
            length += stringEnd - at;
            at = stringEnd;
        }
        return length;
    }

    // The length of the UTF-8 string literal at the start of the text, quotes included.
    private static int StringEnd(ReadOnlySpan<byte> text)
    {
        var i = 1;
        while (i < text.Length)
        {
            var next = text[i..].IndexOfAny((byte)'"', (byte)'\\');
            if (next < 0) return text.Length;
            i += next;
            if (text[i] == (byte)'"') return i + 1;
            i += 2;
        }
        return text.Length;
    }
}
