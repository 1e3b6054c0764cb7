using System.Text.Json;

namespace OpenData.Ingest.Sync;

/// <summary>What was last downloaded for one file: its validators for the next conditional request, and its checksum.</summary>
/// <param name="Published">The server's Last-Modified, else when it was downloaded: which of the dump and the extract is newer.</param>
public sealed record FetchedFile(string Url, string? ETag, DateTimeOffset? LastModified, string Sha256, long Bytes, DateTimeOffset Published);

/// <summary>
/// <c>sync-state.json</c>, beside the files it describes: written only after every file of a run is downloaded, checked
/// and in place, by replacing the previous state file whole.
/// </summary>
public sealed record SyncState(Dictionary<string, FetchedFile> Files)
{
    public const string FileName = "sync-state.json";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static SyncState Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) return new SyncState([]);
        try
        {
            return JsonSerializer.Deserialize<SyncState>(File.ReadAllText(path), Json) ?? new SyncState([]);
        }
        catch (JsonException)
        {
            return new SyncState([]); // unreadable: every file is fetched again, unconditionally
        }
    }

    public void Save(string directory)
    {
        var path = Path.Combine(directory, FileName);
        File.WriteAllText(path + ".part", JsonSerializer.Serialize(this, Json));
        File.Move(path + ".part", path, overwrite: true);
    }
}
