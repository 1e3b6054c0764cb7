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

/// <summary>What one download may take: <see cref="Timeout"/> to connect, to answer and between two pieces of the body; at most <see cref="MaxBytes"/>; <see cref="MaxDuration"/> in all.</summary>
public sealed record DownloadLimits(TimeSpan Timeout, long MaxBytes, TimeSpan MaxDuration);

/// <summary>
/// Fetches one file with a conditional GET (If-None-Match / If-Modified-Since from the last download) into
/// <c>name.part</c> beside the file it will replace, never into the file itself, within its <see cref="DownloadLimits"/>.
/// Redirects are followed on the file's own host only (at most <see cref="MaxRedirects"/>); a download that fails or is
/// refused leaves no <c>.part</c> behind.
/// </summary>
public sealed class SourceDownloader(HttpClient client, DownloadLimits limits, TextWriter output)
{
    public const int MaxRedirects = 5;

    public static HttpClient CreateClient(TimeSpan timeout)
    {
        // Redirects are followed by FetchAsync, which checks where they lead.
        var client = new HttpClient(new SocketsHttpHandler { ConnectTimeout = timeout, AutomaticDecompression = DecompressionMethods.None, AllowAutoRedirect = false })
        {
            Timeout = Timeout.InfiniteTimeSpan, // each step has its own (see FetchAsync): a large file may take long, a stalled one may not
        };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("opendata-ingest/1.0 (OpenData.Api importer; sync)");
        return client;
    }

    public async Task<Download> FetchAsync(SourceLink link, string directory, FetchedFile? previous, CancellationToken cancellationToken)
    {
        var name = link.FileName;
        var part = Path.Combine(directory, name + ".part");
        using var whole = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        whole.CancelAfter(limits.MaxDuration);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(whole.Token);
        deadline.CancelAfter(limits.Timeout);
        try
        {
            using var response = await SendAsync(link, previous, deadline.Token);
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                await output.WriteLineAsync($"  {name}: not modified (304), keeping the copy of {previous!.Published:u}");
                return new Download(link, null, null);
            }
            if (!response.IsSuccessStatusCode)
                throw new DownloadException($"{name}: {link.Url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            if (response.Content.Headers.ContentLength > limits.MaxBytes)
                throw new DownloadException(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: the server announces {response.Content.Headers.ContentLength:N0} bytes, more than the {limits.MaxBytes:N0} allowed (--max-download-mb)"));

            var (bytes, sha256) = await CopyAsync(response, part, name, deadline, cancellationToken);
            var lastModified = response.Content.Headers.LastModified;
            var etag = response.Headers.ETag?.ToString();
            return new Download(link, part, new FetchedFile(link.Url.ToString(), etag, lastModified, sha256, bytes, lastModified ?? DateTimeOffset.UtcNow));
        }
        catch (Exception e) when (e is DownloadException or OperationCanceledException or HttpRequestException or IOException)
        {
            File.Delete(part); // nothing half-written is left behind
            if (e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
                throw new DownloadException(whole.IsCancellationRequested
                    ? $"{name}: not downloaded within {limits.MaxDuration.TotalSeconds:F0} s (--max-file-seconds)"
                    : $"{name}: no answer from {link.Url.Host} for {limits.Timeout.TotalSeconds:F0} s (timeout)", e);
            if (e is HttpRequestException) throw new DownloadException($"{name}: {link.Url} could not be fetched ({e.Message})", e);
            throw;
        }
    }

    /// <summary>The conditional GET, following redirects that stay on the file's host.</summary>
    private async Task<HttpResponseMessage> SendAsync(SourceLink link, FetchedFile? previous, CancellationToken cancellationToken)
    {
        var url = link.Url;
        for (var redirects = 0; ; redirects++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (previous is not null && previous.Url == link.Url.ToString())
            {
                if (previous.ETag is not null) request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(previous.ETag));
                if (previous.LastModified is not null) request.Headers.IfModifiedSince = previous.LastModified;
            }
            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if ((int)response.StatusCode is not (301 or 302 or 303 or 307 or 308)) return response;
            var location = response.Headers.Location;
            response.Dispose();
            if (location is null) throw new DownloadException($"{link.FileName}: {url} redirects without a Location");
            var next = location.IsAbsoluteUri ? location : new Uri(url, location);
            if (next.Scheme is not ("http" or "https") || !string.Equals(next.Host, link.Url.Host, StringComparison.OrdinalIgnoreCase))
                throw new DownloadException($"{link.FileName}: {url} redirects to {next.GetLeftPart(UriPartial.Authority)}, another host than {link.Url.Host}: refused (only redirects on the file's own host are followed)");
            if (redirects == MaxRedirects) throw new DownloadException($"{link.FileName}: more than {MaxRedirects} redirects from {link.Url}");
            url = next;
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
                deadline.CancelAfter(limits.Timeout); // the body may take long, but never stall for longer than the timeout
                var read = await body.ReadAsync(buffer, deadline.Token);
                if (read == 0) break;
                bytes += read;
                if (bytes > limits.MaxBytes)
                    throw new DownloadException(string.Create(CultureInfo.InvariantCulture,
                        $"{name}: more than the {limits.MaxBytes:N0} bytes allowed (--max-download-mb): refused"));
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                hash.AppendData(buffer, 0, read);
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
