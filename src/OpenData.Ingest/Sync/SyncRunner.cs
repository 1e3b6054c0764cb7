using Npgsql;
using OpenData.Ingest.Import;
using OpenData.Ingest.Source;

namespace OpenData.Ingest.Sync;

/// <summary>What a sync did.</summary>
public sealed record SyncResult(IReadOnlyList<string> Downloaded, ImportResult? Import, string Reason);

/// <summary>
/// <c>sync</c>: fetches the Senate's files with conditional requests into <see cref="SyncOptions.Directory"/>, checks that
/// each new one is whole, puts them in place together (a failed or partial download replaces nothing), then imports when
/// the serving dataset was not imported from these files: the full files when any of them changed, with the one-year
/// extract on top when it is newer than the dump; the extract alone when only it is new.
/// </summary>
public sealed class SyncRunner(SyncOptions options, NpgsqlDataSource dataSource, TextWriter output)
{
    public async Task<SyncResult> RunAsync(CancellationToken cancellationToken)
    {
        var directory = Directory.CreateDirectory(options.Directory).FullName;
        await using var exclusive = Lock(directory);
        var links = options.Links();
        var state = SyncState.Load(directory);

        var downloaded = await FetchAllAsync(links, directory, state, cancellationToken);
        foreach (var download in downloaded)
        {
            var target = Path.Combine(directory, download.Link.FileName);
            File.Move(download.PartPath!, target, overwrite: true);
            // Dated as published (the server's Last-Modified, else the download), as wget -N does: which of the dump and the
            // extract is newer can be told from the files alone (deploy/import.sh, rolling back to a day's files).
            File.SetLastWriteTimeUtc(target, download.Fetched!.Published.UtcDateTime);
            state.Files[download.Link.FileName] = download.Fetched!;
        }
        if (downloaded.Count > 0) state.Save(directory);

        var files = links.ToDictionary(l => l.Role, l => (Path: Path.Combine(directory, l.FileName), Fetched: state.Files[l.FileName]));
        var (request, reason) = await DecideAsync(files, cancellationToken);
        if (request is null) return new SyncResult([.. downloaded.Select(d => d.Link.FileName)], null, reason);
        await output.WriteLineAsync($"importing: {reason}");
        var import = await new Importer(dataSource, output).RunAsync(request, cancellationToken);
        return new SyncResult([.. downloaded.Select(d => d.Link.FileName)], import, reason);
    }

    /// <summary>Every file's conditional request, then the check of each new one; on any failure no .part file is left.</summary>
    private async Task<List<Download>> FetchAllAsync(IReadOnlyList<SourceLink> links, string directory, SyncState state, CancellationToken cancellationToken)
    {
        var downloads = new List<Download>();
        try
        {
            using var client = SourceDownloader.CreateClient(TimeSpan.FromSeconds(options.TimeoutSeconds));
            var downloader = new SourceDownloader(client, new DownloadLimits(TimeSpan.FromSeconds(options.TimeoutSeconds),
                options.MaxDownloadMegabytes * 1024L * 1024L, TimeSpan.FromSeconds(options.MaxFileSeconds)), output);
            await output.WriteLineAsync($"fetching {links.Count} files into {directory}");
            foreach (var link in links)
            {
                var local = Path.Combine(directory, link.FileName);
                // A conditional request only for a file still as it was downloaded: otherwise a 304 would keep a lost or altered copy.
                var previous = state.Files.GetValueOrDefault(link.FileName) is { } known && File.Exists(local)
                    && await SourceFile.Sha256Async(local, cancellationToken) == known.Sha256 ? known : null;
                var download = await downloader.FetchAsync(link, directory, previous, cancellationToken);
                if (!download.NotModified) downloads.Add(download);
            }
            foreach (var download in downloads)
            {
                var checks = await DownloadCheck.VerifyAsync(download.Link.Role, download.PartPath!, download.Link.FileName, cancellationToken);
                await output.WriteLineAsync($"  {download.Link.FileName}: whole ({checks})");
            }
            return downloads;
        }
        catch
        {
            foreach (var part in links.Select(l => Path.Combine(directory, l.FileName + ".part")).Where(File.Exists)) File.Delete(part);
            await output.WriteLineAsync("nothing was replaced: the files of the last successful sync stay, and so does the serving dataset");
            throw;
        }
    }

    private async Task<(ImportRequest?, string)> DecideAsync(Dictionary<string, (string Path, FetchedFile Fetched)> files, CancellationToken cancellationToken)
    {
        ServedDataset? served;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
            served = await ServedDataset.FindAsync(connection, cancellationToken);

        string[] fullRoles = ["questions", "senators", "groups"];
        var changed = fullRoles.Where(role =>
                files.TryGetValue(role, out var file) != (served?.Sources.Any(s => s.Role == role) ?? false)
                || (file.Fetched is not null && served?.Sources.FirstOrDefault(s => s.Role == role)?.Sha256 != file.Fetched.Sha256))
            .Select(role => files.TryGetValue(role, out var f) ? Path.GetFileName(f.Path) : role).ToList();
        string? Full(string role) => files.TryGetValue(role, out var file) ? file.Path : null;

        var extract = files.TryGetValue(Importer.ExtractRole, out var e) && e.Fetched.Published > files["questions"].Fetched.Published ? e : default;
        var extractNew = extract.Path is not null && served?.Sources.FirstOrDefault(s => s.Role == Importer.ExtractRole)?.Sha256 != extract.Fetched.Sha256;

        if (served is null)
            return (new ImportRequest(Full("questions"), Full("senators"), Full("groups"), extract.Path), "no dataset is served yet");
        if (changed.Count > 0)
            return (new ImportRequest(Full("questions"), Full("senators"), Full("groups"), extract.Path),
                $"{string.Join(", ", changed)} changed since dataset version {served.Version}{(extract.Path is null ? "" : ", with the newer one-year extract on top")}");
        if (extractNew)
            return (new ImportRequest(null, null, null, extract.Path), $"a one-year extract newer than the dump, applied on top of dataset version {served.Version}");
        return (null, $"up to date: dataset version {served.Version} was imported from these files");
    }

    /// <summary>One sync at a time per directory (the importer also refuses a second import on a database).</summary>
    private static FileStream Lock(string directory)
    {
        try
        {
            return new FileStream(Path.Combine(directory, ".sync.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException e)
        {
            throw new DownloadException($"another sync is running in {directory}", e);
        }
    }
}
