namespace OpenData.Ingest.Source;

/// <summary>
/// The largest inputs the importer reads, far above the Senate's real files: beyond them a file is refused (exit 3,
/// naming the file and the limit) before its size can exhaust memory.
/// </summary>
public static class SourceLimits
{
    /// <summary>A line of the dump (a question's or an answer's text in one COPY row): the real ones are a few hundred KB.</summary>
    public const int MaxLineBytes = LineReader.DefaultMaxLineBytes;

    /// <summary>The questions dump (plain, or the .sql inside the zip, as declared and as read): the real one is under 2 GB.</summary>
    public const long MaxDumpBytes = 16L << 30;

    /// <summary>The senators' JSON files, parsed whole: the real ODSEN_GENERAL.json is a few MB.</summary>
    public const long MaxJsonBytes = 256L << 20;

    /// <summary>The one-year extract, read whole: the real one is a few MB.</summary>
    public const long MaxExtractBytes = 256L << 20;

    /// <summary>Refuses a file larger than <paramref name="limit"/> bytes.</summary>
    public static void CheckSize(string path, string name, long limit)
    {
        var length = new FileInfo(path).Length;
        if (length > limit)
            throw new SourceFormatException($"{name}: {length:N0} bytes, more than the {limit:N0} the importer reads for this file (a damaged or hostile file?)");
    }
}
