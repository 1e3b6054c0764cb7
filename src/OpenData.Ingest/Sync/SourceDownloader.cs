using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace OpenData.Ingest.Sync;

/// <summary>A download that failed: network error, HTTP error status, timeout, or a connection that ended early.</summary>
public sealed class DownloadException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The outcome of one conditional request: the file did not change, or its new content is in <see cref="PartPath"/>.</summary>
public sealed record Download(SourceLink Link, string? PartPath, FetchedFile? Fetched)
{
    public bool NotModified => PartPath is null;
}

/// <summary>
/// Fetches one file with a conditional GET (If-None-Match / If-Modified-Since from the last download) into
/// <c>name.part</c> beside the file it will replace, never into the file itself. Waits at most the timeout to connect,
/// for the answer's headers, and between two pieces of the body.
/// </summary>
public sealed class SourceDownloader(HttpClient client, TimeSpan timeout, TextWriter output)
{
    public static HttpClient CreateClient(TimeSpan timeout)
    {
        var client = new HttpClient(new SocketsHttpHandler { ConnectTimeout = timeout, AutomaticDecompression = DecompressionMethods.None })
        {
            Timeout = Timeout.InfiniteTimeSpan, // each step has its own (see FetchAsync): a large file may take long, a stalled one may not
        };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("opendata-ingest/1.0 (OpenData.Api importer; sync)");
        return client;
    }

    public async Task<Download> FetchAsync(SourceLink link, string directory, FetchedFile? previous, CancellationToken cancellationToken)
    {
        var name = link.FileName;
        using var request = new HttpRequestMessage(HttpMethod.Get, link.Url);
        if (previous is not null && previous.Url == link.Url.ToString())
        {
            if (previous.ETag is not null) request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(previous.ETag));
            if (previous.LastModified is not null) request.Headers.IfModifiedSince = previous.LastModified;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                await output.WriteLineAsync($"  {name}: not modified (304), keeping the copy of {previous!.Published:u}");
                return new Download(link, null, null);
            }
            if (!response.IsSuccessStatusCode)
                throw new DownloadException($"{name}: {link.Url} answered {(int)response.StatusCode} {response.ReasonPhrase}");

            var part = Path.Combine(directory, name + ".part");
            var (bytes, sha256) = await CopyAsync(response, part, name, deadline, cancellationToken);
            var lastModified = response.Content.Headers.LastModified;
            var etag = response.Headers.ETag?.ToString();
            return new Download(link, part, new FetchedFile(link.Url.ToString(), etag, lastModified, sha256, bytes, lastModified ?? DateTimeOffset.UtcNow));
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DownloadException($"{name}: no answer from {link.Url.Host} for {timeout.TotalSeconds:F0} s (timeout)", e);
        }
        catch (HttpRequestException e)
        {
            throw new DownloadException($"{name}: {link.Url} could not be fetched ({e.Message})", e);
        }
    }

    private async Task<(long Bytes, string Sha256)> CopyAsync(HttpResponseMessage response, string part, string name, CancellationTokenSource deadline, CancellationToken cancellationToken)
    {
        var expected = response.Content.Headers.ContentLength;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  {name}: downloading{(expected is { } length ? $" {length / 1048576.0:F1} MB" : "")}"));
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        long bytes = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(deadline.Token);
            await using var file = new FileStream(part, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            while (true)
            {
                deadline.CancelAfter(timeout); // the body may take long, but never stall for longer than the timeout
                var read = await body.ReadAsync(buffer, deadline.Token);
                if (read == 0) break;
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                hash.AppendData(buffer, 0, read);
                bytes += read;
                if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(5))
                {
                    lastReport = clock.Elapsed;
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"  {name}: {bytes / 1048576.0:F1} MB{(expected is { } l && l > 0 ? $" ({100.0 * bytes / l:F0}%)" : "")}, {bytes / 1048576.0 / clock.Elapsed.TotalSeconds:F1} MB/s"));
                }
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new DownloadException(string.Create(CultureInfo.InvariantCulture,
                $"{name}: the connection ended after {bytes:N0}{(expected is { } l ? $" of {l:N0}" : "")} bytes ({e.Message})"), e);
        }
        if (expected is { } total && total != bytes)
            throw new DownloadException(string.Create(CultureInfo.InvariantCulture, $"{name}: received {bytes:N0} bytes, the server announced {total:N0}"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  {name}: downloaded {bytes / 1048576.0:F1} MB in {clock.Elapsed.TotalSeconds:F1} s"));
        return (bytes, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
