using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace OpenData.Ingest.Source;

/// <summary>A column of the one-year extract the importer reads: its header, the staging column it fills, whether it holds a date, whether every row needs a value.</summary>
public sealed record ExtractColumn(string Header, string Name, bool IsDate = false, bool NotEmpty = false);

/// <summary>One row of the extract: its line in the file and its values in <see cref="ExtractReader.Columns"/> order (null when empty; dates as <see cref="DateOnly"/>).</summary>
public sealed record ExtractRow(long Line, object?[] Values);

/// <summary>
/// Reads <c>questions-depuis-un-an.csv</c>, the Senate's rolling one-year extract: ISO-8859-1, one header row, then one
/// question per line, fields separated by <c>|</c> (or <c>;</c>, when that is what the header uses), no quoting, CRLF or
/// LF. Columns are found by their header; every column the importer reads must be there. Each line is checked as it is
/// read: valid ISO-8859-1 text (not UTF-8, no control character), as many fields as the header, dates as DD/MM/YYYY,
/// one row per reference. Errors name the line.
/// </summary>
public sealed class ExtractReader
{
    public static readonly IReadOnlyList<ExtractColumn> Columns =
    [
        new("Référence", "reference", NotEmpty: true), new("Sort", "sort"), new("Nature", "nature", NotEmpty: true),
        new("Numéro", "numero"), new("Titre", "titre"), new("Nom", "nom", NotEmpty: true), new("Prénom", "prenom"),
        new("Civilité", "civilite"), new("Circonscription", "circonscription"), new("Groupe", "groupe"),
        new("Date de publication JO", "datejodepot", IsDate: true, NotEmpty: true), new("Ministère de dépôt", "ministere_depot"),
        new("Date de transmission", "datejotran", IsDate: true), new("Ministère de transmission", "ministere_transmission"),
        new("Ministère de réponse", "ministere_reponse"), new("Date de réponse JO", "datejorep", IsDate: true),
        new("Référence de la question rappelée", "refquerappelee"), new("Thème(s)", "themes"),
    ];

    /// <summary>Published columns the importer knows and does not read.</summary>
    public static readonly IReadOnlySet<string> KnownUnused = new HashSet<string> { "Type Appartenance", "Thème QC", "URL Question" };

    private readonly string name;
    private readonly byte[] bytes;

    private ExtractReader(string name, byte[] bytes)
    {
        this.name = name;
        this.bytes = bytes;
    }

    /// <summary>Opens the extract (it covers one year: read whole), named <paramref name="name"/> in messages (by default the file's name).</summary>
    public static ExtractReader Open(string path, string? name = null)
    {
        try
        {
            SourceLimits.CheckSize(path, name ?? Path.GetFileName(path), SourceLimits.MaxExtractBytes);
            return new ExtractReader(name ?? Path.GetFileName(path), File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SourceFormatException($"{Path.GetFileName(path)}: cannot open ({e.Message})", e);
        }
    }

    public string DisplayName => name;

    /// <summary>The rows, checked; <paramref name="notices"/> receives what is worth reporting (unknown columns).</summary>
    public IEnumerable<ExtractRow> Rows(ICollection<string> notices)
    {
        var lines = Lines().GetEnumerator();
        if (!lines.MoveNext()) throw SourceFormatException.At(name, null, 1, "the file is empty (expected a header row)");
        var header = lines.Current.Text;
        var separator = header.Contains('|') ? '|' : header.Contains(';') ? ';' : '|';
        var headers = header.Split(separator);
        var positions = MapColumns(headers, notices);

        var references = new Dictionary<string, long>(StringComparer.Ordinal);
        while (lines.MoveNext())
        {
            var (line, text) = lines.Current;
            var fields = text.Split(separator);
            if (fields.Length != headers.Length)
                throw SourceFormatException.At(name, null, line, $"expected {headers.Length} {separator}-separated fields as in the header, found {fields.Length}");
            var values = new object?[Columns.Count];
            for (var i = 0; i < Columns.Count; i++)
                values[i] = Value(Columns[i], fields[positions[i]], line);
            var reference = (string)values[0]!;
            if (!references.TryAdd(reference, line))
                throw SourceFormatException.At(name, null, line, $"reference {reference} is already at line {references[reference]}");
            yield return new ExtractRow(line, values);
        }
    }

    private int[] MapColumns(string[] headers, ICollection<string> notices)
    {
        var positions = Columns.Select(c => Array.IndexOf(headers, c.Header)).ToArray();
        var missing = Columns.Where((c, i) => positions[i] < 0).Select(c => c.Header).ToList();
        if (missing.Count > 0)
            throw SourceFormatException.At(name, null, 1,
                $"column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.Select(m => $"'{m}'"))} missing from the header (is this questions-depuis-un-an.csv?)");
        foreach (var extra in headers.Where(h => !KnownUnused.Contains(h) && Columns.All(c => c.Header != h)))
            notices.Add($"{name}: unknown column '{extra}', ignored");
        return positions;
    }

    private object? Value(ExtractColumn column, string field, long line)
    {
        if (field.Length == 0)
            return column.NotEmpty ? throw SourceFormatException.At(name, null, line, $"column {column.Header} is empty but every row needs a value") : null;
        if (!column.IsDate) return field;
        return DateOnly.TryParseExact(field.Trim(), "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw SourceFormatException.At(name, null, line, $"column {column.Header}: '{(field.Length > 40 ? field[..40] + "…" : field)}' is not a date (expected DD/MM/YYYY)");
    }

    /// <summary>The lines (CRLF or LF), decoded from ISO-8859-1 once each is known to be such text.</summary>
    private IEnumerable<(long Line, string Text)> Lines()
    {
        long line = 0;
        var start = 0;
        while (start < bytes.Length)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', start);
            var next = end < 0 ? bytes.Length : end + 1;
            if (end < 0) end = bytes.Length;
            if (end > start && bytes[end - 1] == '\r') end--;
            line++;
            yield return (line, Decode(bytes.AsSpan(start, end - start), line));
            start = next;
        }
    }

    private string Decode(ReadOnlySpan<byte> raw, long line)
    {
        if (raw.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0 && Utf8.IsValid(raw))
            throw SourceFormatException.At(name, null, line, "the text is UTF-8, but the extract is published in ISO-8859-1 (Latin-1)");
        var text = Encoding.Latin1.GetString(raw);
        var control = text.AsSpan().IndexOfAnyInRange('\u0000', '\u0008');
        if (control < 0) control = text.AsSpan().IndexOfAnyInRange('\u000A', '\u001F');
        if (control < 0) control = text.AsSpan().IndexOfAnyInRange('\u007F', '\u009F');
        if (control >= 0)
            throw SourceFormatException.At(name, null, line,
                $"byte 0x{(int)text[control]:X2} at position {control + 1} is a control character, not ISO-8859-1 text (a Windows-1252 file?)");
        return text;
    }
}
