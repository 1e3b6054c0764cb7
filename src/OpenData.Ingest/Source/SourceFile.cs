using System.IO.Compression;
using System.Security.Cryptography;

namespace OpenData.Ingest.Source;

/// <summary>
/// A source file opened for streaming: a plain file, or the single dump inside a zip archive. Tracks the
/// bytes read so progress can be shown as a percentage.
/// </summary>
public sealed class SourceFile : IDisposable
{
    private readonly ZipArchive? archive;
    private readonly CountingStream counter;

    private SourceFile(string path, string displayName, Stream content, long length, ZipArchive? archive)
    {
        Path = path;
        DisplayName = displayName;
        Length = length;
        this.archive = archive;
        counter = new CountingStream(content);
    }

    public string Path { get; }
    /// <summary>The name used in messages: "questions.zip!questions.sql" for a zip entry.</summary>
    public string DisplayName { get; }
    public long Length { get; }
    public long Position => counter.BytesRead;
    public Stream Content => counter;

    /// <summary>Opens a questions dump: a zip holding one .sql file, or the .sql file itself.</summary>
    public static SourceFile OpenDump(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        var file = OpenOrThrow(path);
        var looksZipped = StartsWithZipSignature(file);
        if (!looksZipped)
        {
            if (name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                file.Dispose();
                throw new SourceFormatException($"{name}: not a zip archive (expected a zip holding questions.sql)");
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
        try
        {
            return new SourceFile(path, $"{name}!{entries[0].FullName}", entries[0].Open(), entries[0].Length, archive);
        }
        catch (InvalidDataException e)
        {
            archive.Dispose();
            throw new SourceFormatException($"{name}: cannot read {entries[0].FullName} ({e.Message})", e);
        }
    }

    public static SourceFile OpenPlain(string path)
    {
        var file = OpenOrThrow(path);
        return new SourceFile(path, System.IO.Path.GetFileName(path), file, file.Length, null);
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

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));
        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }

        private int Count(int read)
        {
            BytesRead += read;
            return read;
        }
    }
}
