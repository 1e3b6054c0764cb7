using System.Collections.Concurrent;
using OpenData.Data.Sql;

namespace OpenData.Data.Paging;

/// <summary>
/// Exact totals of filtered lists, remembered per dataset version: every page of one search has the same
/// total, and a full-text count over a broad search costs hundreds of milliseconds. A total is looked up under
/// the latest version seen; the page's batch then says which version it read, and a total of another
/// version is never used (<see cref="Reading.DatasetChangedException"/>: the request is read again).
/// </summary>
public sealed class TotalsCache
{
    private const int MaxEntries = 20_000;
    private readonly ConcurrentDictionary<string, long> totals = new(StringComparer.Ordinal);
    private long latestVersion = -1;

    /// <summary>The dataset version the last batch of the process read.</summary>
    public long LatestVersion => Interlocked.Read(ref latestVersion);

    public void Observe(long? version)
    {
        if (version is { } v && v > Interlocked.Read(ref latestVersion)) Interlocked.Exchange(ref latestVersion, v);
    }

    public static string Key(string list, SqlWhere where) => list + "\n" + where.Fingerprint();

    public bool TryGet(long version, string key, out long total) => totals.TryGetValue($"{version}\n{key}", out total);

    public void Set(long version, string key, long total)
    {
        if (totals.Count >= MaxEntries) totals.Clear(); // crude, but bounded: the entries are cheap to recompute
        totals[$"{version}\n{key}"] = total;
    }
}
