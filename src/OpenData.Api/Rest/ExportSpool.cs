using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace OpenData.Api.Rest;

/// <summary>
/// A file an export is written to as fast as PostgreSQL sends its rows, and read back at the client's pace. The
/// database connection is released as soon as the last row is in the file, however slowly the client reads: a
/// slow reader holds a file handle, never a pooled connection (nor the lock an import's swap waits for). The file
/// is unlinked as soon as it is open: it takes disk space only while its export runs, even if the process dies.
/// </summary>
public sealed class ExportSpool : IByteSink, IAsyncDisposable
{
    private const int ChunkBytes = 64 * 1024;
    private readonly SafeFileHandle file;
    private TaskCompletionSource progress = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long written;
    private volatile bool completed;
    private Exception? failure;

    private ExportSpool(SafeFileHandle file) => this.file = file;

    public static ExportSpool Create(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"opendata-export-{Guid.NewGuid():N}.tmp");
        var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Delete, FileOptions.Asynchronous);
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A file system that cannot unlink an open file: the file goes when the spool is disposed instead.
            handle.Dispose();
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        }
        return new ExportSpool(handle);
    }

    /// <summary>Bytes written so far.</summary>
    public long Length => Interlocked.Read(ref written);

    public async ValueTask AppendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await RandomAccess.WriteAsync(file, bytes, Interlocked.Read(ref written), cancellationToken);
        Interlocked.Add(ref written, bytes.Length);
        Signal();
    }

    /// <summary>No more bytes will come: the export ended, or failed with <paramref name="error"/>.</summary>
    public void Complete(Exception? error = null)
    {
        failure = error;
        completed = true;
        Signal();
    }

    /// <summary>Copies everything written, waiting for more until the export is complete; rethrows the export's failure.</summary>
    public async Task CopyToAsync(Stream destination, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            long read = 0;
            while (true)
            {
                var more = Volatile.Read(ref progress).Task; // taken before the checks, so that no signal is missed
                var available = Length - read;
                if (available > 0)
                {
                    var n = await RandomAccess.ReadAsync(file, buffer.AsMemory(0, (int)Math.Min(available, buffer.Length)), read, cancellationToken);
                    await destination.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
                    read += n;
                    continue;
                }
                if (completed)
                {
                    if (failure is not null) throw new IOException("the export failed while it was being sent", failure);
                    return;
                }
                await more.WaitAsync(cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Signal() => Interlocked.Exchange(ref progress, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public ValueTask DisposeAsync()
    {
        file.Dispose();
        return ValueTask.CompletedTask;
    }
}
