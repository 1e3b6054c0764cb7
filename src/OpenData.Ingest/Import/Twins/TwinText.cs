namespace OpenData.Ingest.Import.Twins;

/// <summary>
/// What a question's text is compared by: its shingles, every run of <see cref="ShingleWords"/> words (folded: lower
/// case, no accents; letters and digits only), hashed, after the opening formula that names the senator and the
/// minister ("M. X attire l'attention de Mme la ministre de … sur", "interroge … au sujet de"): two copies of one text by
/// two senators differ there and nowhere else.
/// </summary>
public static class TwinText
{
    public const int ShingleWords = 3;

    /// <summary>The words after which the formula ends, looked for in the text's first <see cref="FormulaLength"/> characters.</summary>
    private static readonly ulong[] FormulaEnds = [Hash("sur"), Hash("concernant"), Hash("sujet")];

    /// <summary>What follows "au sujet" before the subject ("de la situation" reads as "sur la situation").</summary>
    private static readonly ulong[] Articles = [Hash("de"), Hash("du"), Hash("des"), Hash("d")];

    private const int FormulaLength = 400;

    /// <summary>Each character's folded form (lower case, without accents; "œ" → "oe"), empty for what is not a letter or a digit.</summary>
    private static readonly string[] Folded = BuildFolding();

    /// <summary>The distinct shingle hashes of <paramref name="text"/>, in no particular order.</summary>
    public static uint[] Shingles(string text)
    {
        var words = new List<(ulong Hash, int Start)>(text.Length / 5);
        var hash = Seed;
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var folded = i < text.Length ? Folded[text[i]] : "";
            if (folded.Length > 0)
            {
                if (start < 0) start = i;
                foreach (var c in folded) hash = (hash ^ c) * Prime;
                continue;
            }
            if (start < 0) continue;
            words.Add((hash * 0x9E3779B97F4A7C15UL, start));
            hash = Seed;
            start = -1;
        }
        var first = 0;
        for (var i = 0; i < words.Count && words[i].Start < FormulaLength; i++)
            if (Array.IndexOf(FormulaEnds, words[i].Hash) >= 0)
            {
                first = i + 1;
                if (words[i].Hash == FormulaEnds[2] && first < words.Count && Array.IndexOf(Articles, words[first].Hash) >= 0) first++;
                break;
            }
        var count = words.Count - first - ShingleWords + 1;
        if (count <= 0) return [];
        var shingles = new HashSet<uint>(count);
        for (var i = first; i < first + count; i++)
        {
            var h = Seed;
            for (var w = i; w < i + ShingleWords; w++) h = (h ^ words[w].Hash) * Prime;
            shingles.Add((uint)(h ^ (h >> 32)));
        }
        return [.. shingles];
    }

    private const ulong Seed = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    private static ulong Hash(string word)
    {
        var h = Seed;
        foreach (var c in word) h = (h ^ c) * Prime;
        return h * 0x9E3779B97F4A7C15UL;
    }

    /// <summary>Latin letters with diacritics and what they fold to (the importer runs without ICU: no Unicode decomposition).</summary>
    private const string Accented = "àáâãäåāăąçćĉċčďđèéêëēĕėęěĝğġģĥħìíîïĩīĭįıĵķĺļľŀłñńņňòóôõöøōŏőŕŗřśŝşšţťŧùúûüũūŭůűųŵýÿŷźżž";
    private const string Unaccented = "aaaaaaaaacccccddeeeeeeeeegggghhiiiiiiiiijklllllnnnnooooooooorrrsssstttuuuuuuuuuuwyyyzzz";

    private static string[] BuildFolding()
    {
        var table = new string[char.MaxValue + 1];
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var c = (char)i;
            if (char.IsSurrogate(c) || !char.IsLetterOrDigit(c))
            {
                table[i] = "";
                continue;
            }
            var lower = char.ToLowerInvariant(c);
            var accented = Accented.IndexOf(lower, StringComparison.Ordinal);
            table[i] = lower switch
            {
                'œ' => "oe",
                'æ' => "ae",
                'ß' => "ss",
                _ when accented >= 0 => Unaccented[accented].ToString(),
                _ => lower.ToString(),
            };
        }
        return table;
    }
}
