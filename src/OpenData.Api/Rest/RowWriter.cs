using System.Buffers;
using System.Text;
using System.Text.Json;

namespace OpenData.Api.Rest;

/// <summary>Where an export's bytes go: a spool file, or the response itself.</summary>
public interface IByteSink
{
    ValueTask AppendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken);
}

internal sealed class StreamOutput(Stream stream) : IByteSink
{
    public ValueTask AppendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) => stream.WriteAsync(bytes, cancellationToken);
}

/// <summary>Writes rows as CSV (RFC 4180, UTF-8 with BOM, one header row) or NDJSON, in chunks of about 64 KB.</summary>
internal sealed class RowWriter<T>(ResponseFormat format, IReadOnlyList<CsvColumn<T>> columns, JsonSerializerOptions json)
{
    private const int ChunkBytes = 64 * 1024;
    private readonly ArrayBufferWriter<byte> buffer = new(ChunkBytes * 2);
    private readonly StringBuilder line = new();
    private Utf8JsonWriter? writer;

    public ValueTask StartAsync(IByteSink sink, CancellationToken cancellationToken)
    {
        if (format != ResponseFormat.Csv) return ValueTask.CompletedTask;
        Encoding.UTF8.GetBytes("\uFEFF", buffer); // BOM: spreadsheets then read the file as UTF-8
        Csv.AppendRow(line, columns.Select(c => c.Header));
        return WriteLineAsync(sink, cancellationToken);
    }

    public ValueTask WriteAsync(T row, IByteSink sink, CancellationToken cancellationToken)
    {
        if (format == ResponseFormat.Csv)
        {
            Csv.AppendRow(line, columns.Select(c => Csv.Format(c.Value(row))));
            return WriteLineAsync(sink, cancellationToken);
        }
        writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = json.Encoder });
        JsonSerializer.Serialize(writer, row, json);
        writer.Flush();
        writer.Reset(buffer);
        buffer.Write("\n"u8);
        return buffer.WrittenCount >= ChunkBytes ? FlushAsync(sink, cancellationToken) : ValueTask.CompletedTask;
    }

    public async ValueTask FlushAsync(IByteSink sink, CancellationToken cancellationToken)
    {
        if (buffer.WrittenCount == 0) return;
        await sink.AppendAsync(buffer.WrittenMemory, cancellationToken);
        buffer.ResetWrittenCount();
    }

    private ValueTask WriteLineAsync(IByteSink sink, CancellationToken cancellationToken)
    {
        Encoding.UTF8.GetBytes(line.ToString(), buffer);
        line.Clear();
        return buffer.WrittenCount >= ChunkBytes ? FlushAsync(sink, cancellationToken) : ValueTask.CompletedTask;
    }
}
