using Dapper;
using Npgsql;

namespace OpenData.Data.Datasets;

/// <summary>A stored bulk file: what it is, and how its bytes are chunked.</summary>
public sealed record DownloadFile(long Version, string Name, string MediaType, long Bytes, string Sha256, int ChunkBytes);

/// <summary>The bulk files the importer stores in opendata_meta.downloads (one per table and format, per version kept).</summary>
public sealed class DownloadQueries(NpgsqlDataSource dataSource)
{
    public async Task<DownloadFile?> FindAsync(long version, string name, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<DownloadFile>(new CommandDefinition("""
            SELECT version, name, media_type, bytes, sha256, chunk_bytes FROM opendata_meta.downloads WHERE version = @version AND name = @name
            """, new { version, name }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// The file's bytes as a seekable stream that reads one chunk at a time, each in a statement of its own: a slow
    /// client holds no connection while it reads, and a range reads only the chunks it overlaps.
    /// </summary>
    public Stream Open(DownloadFile file) => new ChunkedStream(file, async (seq, cancellationToken) =>
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<byte[]>(new CommandDefinition(
            "SELECT data FROM opendata_meta.download_chunks WHERE version = @Version AND name = @Name AND seq = @seq",
            new { file.Version, file.Name, seq }, cancellationToken: cancellationToken))
            ?? throw new InvalidOperationException($"chunk {seq} of {file.Name} (version {file.Version}) is missing");
    });

    private sealed class ChunkedStream(DownloadFile file, Func<int, CancellationToken, Task<byte[]>> readChunk) : Stream
    {
        private int loadedSeq = -1;
        private byte[] loaded = [];

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => file.Bytes;
        public override long Position { get; set; }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Position >= file.Bytes || buffer.Length == 0) return 0;
            var seq = (int)(Position / file.ChunkBytes);
            if (seq != loadedSeq)
            {
                loaded = await readChunk(seq, cancellationToken);
                loadedSeq = seq;
            }
            var offset = (int)(Position - (long)seq * file.ChunkBytes);
            var count = Math.Min(buffer.Length, loaded.Length - offset);
            if (count <= 0) return 0;
            loaded.AsMemory(offset, count).CopyTo(buffer);
            Position += count;
            return count;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            _ => file.Bytes + offset,
        };

        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
