using System.IO.Compression;
using System.IO.Hashing;
using System.Security.Cryptography;

namespace OpenData.Ingest.Source;

/// <summary>
/// A source file opened for streaming: a plain file, or the single dump inside a zip archive. Tracks the
/// bytes read so progress can be shown as a percentage, and, in a zip, their CRC-32 (see <see cref="VerifyWhole"/>).
/// </summary>
public sealed class SourceFile : IDisposable
{
    private readonly ZipArchive? archive;
    private readonly ZipArchiveEntry? entry;
    private readonly CountingStream counter;

    private SourceFile(string path, string displayName, Stream content, long length, ZipArchive? archive, ZipArchiveEntry? entry = null)
    {
        Path = path;
        DisplayName = displayName;
        Length = length;
        this.archive = archive;
        this.entry = entry;
        counter = new CountingStream(content, entry is null ? null : new Crc32(), displayName);
    }

    public string Path { get; }
    /// <summary>The name used in messages: "questions.zip!questions.sql" for a zip entry.</summary>
    public string DisplayName { get; }
    public long Length { get; }
    public long Position => counter.BytesRead;
    public Stream Content => counter;

    /// <summary>
    /// Once read to its end: throws when a zip entry's bytes are not the size and CRC-32 its archive records (zip
    /// readers do not check the CRC themselves).
    /// </summary>
    public void VerifyWhole()
    {
        if (entry is null) return;
        if (counter.BytesRead != entry.Length)
            throw new SourceFormatException($"{DisplayName}: {counter.BytesRead:N0} bytes read, the zip records {entry.Length:N0} (a damaged archive)");
        if (counter.Crc!.GetCurrentHashAsUInt32() != entry.Crc32)
            throw new SourceFormatException($"{DisplayName}: CRC-32 {counter.Crc.GetCurrentHashAsUInt32():x8} differs from the {entry.Crc32:x8} the zip records (a damaged archive)");
    }

    /// <summary>Opens a questions dump: a zip holding one .sql file, or the .sql file itself (named <paramref name="name"/> in messages, by default the file's name).</summary>
    public static SourceFile OpenDump(string path, string? name = null)
    {
        name ??= System.IO.Path.GetFileName(path);
        var file = OpenOrThrow(path);
        var looksZipped = StartsWithZipSignature(file);
        if (!looksZipped)
        {
            if (name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                file.Dispose();
                throw new SourceFormatException($"{name}: not a zip archive (expected a zip holding questions.sql)");
            }
            if (file.Length is var length && length > SourceLimits.MaxDumpBytes)
            {
                file.Dispose();
                throw TooLarge(name, length);
            }
            return new SourceFile(path, name, file, file.Length, null);
        }

        ZipArchive archive;
        try
        {
            archive = new ZipArchive(file, ZipArchiveMode.Read);
        }
        catch (InvalidDataException e)
        {
            file.Dispose();
            throw new SourceFormatException($"{name}: not a readable zip archive ({e.Message})", e);
        }
        var entries = archive.Entries.Where(e => e.FullName.EndsWith(".sql", StringComparison.OrdinalIgnoreCase)).ToList();
        if (entries.Count != 1)
        {
            archive.Dispose();
            throw new SourceFormatException($"{name}: expected exactly one .sql file in the archive, found {entries.Count}");
        }
        if (entries[0].Length > SourceLimits.MaxDumpBytes)
        {
            archive.Dispose();
            throw TooLarge($"{name}!{entries[0].FullName}", entries[0].Length);
        }
        try
        {
            return new SourceFile(path, $"{name}!{entries[0].FullName}", entries[0].Open(), entries[0].Length, archive, entries[0]);
        }
        catch (InvalidDataException e)
        {
            archive.Dispose();
            throw new SourceFormatException($"{name}: cannot read {entries[0].FullName} ({e.Message})", e);
        }
    }

    /// <summary>SHA-256 of the file as published (the zip itself for a zip), in lower-case hex.</summary>
    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    public void Dispose()
    {
        counter.Dispose();
        archive?.Dispose();
    }

    private static SourceFormatException TooLarge(string name, long bytes) =>
        new($"{name}: {bytes:N0} bytes, more than the {SourceLimits.MaxDumpBytes:N0} the importer reads for a dump (a damaged or hostile file?)");

    private static FileStream OpenOrThrow(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SourceFormatException($"{System.IO.Path.GetFileName(path)}: cannot open ({e.Message})", e);
        }
    }

    private static bool StartsWithZipSignature(FileStream file)
    {
        Span<byte> head = stackalloc byte[4];
        var read = file.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        file.Position = 0;
        return read == 4 && head[0] == (byte)'P' && head[1] == (byte)'K' && head[2] == 3 && head[3] == 4;
    }

    /// <summary>Counts (and checksums) what is read, and stops at the dump's limit whatever the zip declared.</summary>
    private sealed class CountingStream(Stream inner, Crc32? crc, string name) : Stream
    {
        public long BytesRead { get; private set; }
        public Crc32? Crc => crc;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => Count(buffer.AsSpan(offset), inner.Read(buffer, offset, count));
        public override int Read(Span<byte> buffer) => Count(buffer, inner.Read(buffer));
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            return Count(buffer.Span, read);
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }

        private int Count(ReadOnlySpan<byte> buffer, int read)
        {
            BytesRead += read;
            if (BytesRead > SourceLimits.MaxDumpBytes) throw TooLarge(name, BytesRead);
            crc?.Append(buffer[..read]);
            return read;
        }
    }
}
