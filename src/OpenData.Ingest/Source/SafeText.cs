using System.Buffers;

namespace OpenData.Ingest.Source;

/// <summary>
/// Text from upstream made safe once, at import: control characters other than tab, CR and LF are
/// removed, so that every output (JSON, CSV, NDJSON, Atom's XML, HTML) is valid whatever the source held. C0 and DEL:
/// C1 characters are valid XML, and in text mis-encoded upstream one can stand for a character (U+0092 for ’).
/// </summary>
public static class SafeText
{
    private static readonly SearchValues<char> Controls = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\n' or '\r')).Select(c => (char)c), '\x7f']);

    /// <summary>The text without its control characters; <paramref name="removed"/> counts them.</summary>
    public static string? Clean(string? text, ref long removed)
    {
        if (text is null || text.AsSpan().IndexOfAny(Controls) < 0) return text;
        var kept = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (Controls.Contains(c)) removed++;
            else kept.Append(c);
        }
        return kept.ToString();
    }
}
