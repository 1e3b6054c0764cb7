using System.Buffers;
using System.Text;

namespace OpenData.Ingest.Source;

/// <summary>
/// Reads UTF-8 text line by line from a stream, within a limit: a line longer than <see cref="MaxLineBytes"/> is refused
/// while it is read (memory stays bounded whatever the file holds), and each line is decoded on its own, so that a NUL
/// byte or invalid UTF-8 is reported at its exact line. Lines end at LF; a CR before it is dropped.
/// </summary>
public sealed class LineReader(Stream stream, string fileName, int maxLineBytes = LineReader.DefaultMaxLineBytes) : IDisposable
{
    /// <summary>16 MiB: the longest line of the Senate's dump (a question's or an answer's text) is a few hundred KB.</summary>
    public const int DefaultMaxLineBytes = 16 << 20;

    private static readonly UTF8Encoding Strict = new(false, throwOnInvalidBytes: true);
    private readonly byte[] buffer = new byte[1 << 16];
    private readonly ArrayBufferWriter<byte> line = new(1 << 12);
    private int start, end;
    private bool finished;

    public int MaxLineBytes => maxLineBytes;

    /// <summary>The number of the line last returned (1 for the first).</summary>
    public long LineNumber { get; private set; }

    /// <summary>The table whose rows are being read, for messages; null outside one.</summary>
    public string? Table { get; set; }

    /// <summary>The next line, without its end; null at the end of the stream.</summary>
    public string? ReadLine()
    {
        line.ResetWrittenCount();
        while (true)
        {
            if (start == end)
            {
                if (finished || (end = stream.Read(buffer, 0, buffer.Length)) == 0)
                {
                    finished = true;
                    if (line.WrittenCount == 0) return null;
                    return Decode(line.WrittenSpan); // a last line without LF
                }
                start = 0;
            }
            var available = buffer.AsSpan(start, end - start);
            var lf = available.IndexOf((byte)'\n');
            var take = lf < 0 ? available : available[..lf];
            if (line.WrittenCount + take.Length > maxLineBytes)
                throw SourceFormatException.At(fileName, Table, LineNumber + 1,
                    $"the line is longer than {maxLineBytes:N0} bytes, the longest the importer reads (a damaged or hostile file?)");
            line.Write(take);
            start += take.Length;
            if (lf >= 0)
            {
                start++;
                var text = line.WrittenSpan;
                return Decode(text.Length > 0 && text[^1] == '\r' ? text[..^1] : text);
            }
        }
    }

    private string Decode(ReadOnlySpan<byte> bytes)
    {
        LineNumber++;
        var nul = bytes.IndexOf((byte)0);
        if (nul >= 0) throw SourceFormatException.At(fileName, Table, LineNumber, $"a NUL byte at byte {nul + 1} of the line (not text)");
        try
        {
            return Strict.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw SourceFormatException.At(fileName, Table, LineNumber, $"not valid UTF-8 text (byte {e.Index + 1} of the line)", e);
        }
    }

    public void Dispose() => stream.Dispose();
}
