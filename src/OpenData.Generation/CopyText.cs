using System.Buffers;
using System.Globalization;
using System.Text;

namespace OpenData.Generation;

/// <summary>PostgreSQL COPY text format: escaping of values.</summary>
internal static class CopyText
{
    public const string Null = "\\N";

    private static readonly SearchValues<char> Special = SearchValues.Create("\\\t\n\r\b\f\v");

    /// <summary>Backslash → <c>\\</c>, tab → <c>\t</c>, newline → <c>\n</c>, carriage return → <c>\r</c> (and \b \f \v).</summary>
    public static string Escape(string value)
    {
        if (value.AsSpan().IndexOfAny(Special) < 0)
        {
            return value;
        }
        var writer = new StringWriter(new StringBuilder(value.Length + 16), CultureInfo.InvariantCulture);
        WriteEscaped(writer, value);
        return writer.ToString();
    }

    public static void WriteEscaped(TextWriter writer, ReadOnlySpan<char> value)
    {
        while (true)
        {
            var next = value.IndexOfAny(Special);
            if (next < 0)
            {
                writer.Write(value);
                return;
            }
            writer.Write(value[..next]);
            writer.Write(value[next] switch
            {
                '\\' => "\\\\",
                '\t' => "\\t",
                '\n' => "\\n",
                '\r' => "\\r",
                '\b' => "\\b",
                '\f' => "\\f",
                _ => "\\v",
            });
            value = value[(next + 1)..];
        }
    }
}

/// <summary>Writes one COPY data row field by field: tab separators, <c>\N</c> for NULL, escaped text, LF row ends.</summary>
internal sealed class CopyRowWriter(TextWriter writer)
{
    private bool _first = true;

    public CopyRowWriter Null()
    {
        Separate();
        writer.Write(CopyText.Null);
        return this;
    }

    public CopyRowWriter Text(string? value)
    {
        Separate();
        if (value is null)
        {
            writer.Write(CopyText.Null);
        }
        else
        {
            CopyText.WriteEscaped(writer, value);
        }
        return this;
    }

    public CopyRowWriter Text(StringBuilder value)
    {
        Separate();
        foreach (var chunk in value.GetChunks())
        {
            CopyText.WriteEscaped(writer, chunk.Span);
        }
        return this;
    }

    public CopyRowWriter Number(long value)
    {
        Separate();
        Span<char> buffer = stackalloc char[20];
        value.TryFormat(buffer, out var length, default, CultureInfo.InvariantCulture);
        writer.Write(buffer[..length]);
        return this;
    }

    public CopyRowWriter Number(long? value) => value is { } v ? Number(v) : Null();

    /// <summary>A day as <c>yyyy-MM-dd 00:00:00</c>; <see cref="Days.None"/> is NULL.</summary>
    public CopyRowWriter Date(int day)
    {
        if (day == Days.None)
        {
            return Null();
        }
        Separate();
        Span<char> buffer = stackalloc char[19];
        Days.Format(buffer, day, '-');
        writer.Write(buffer);
        return this;
    }

    public void EndRow()
    {
        writer.Write('\n');
        _first = true;
    }

    private void Separate()
    {
        if (!_first)
        {
            writer.Write('\t');
        }
        _first = false;
    }
}
