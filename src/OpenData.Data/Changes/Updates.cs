using OpenData.Data.Paging;
using OpenData.Data.Sql;

namespace OpenData.Data.Changes;

/// <summary>
/// updatedAt and updatedSince of every tracked table, stated once: a row's updated_version is the dataset version that
/// last changed it, and its updatedAt the moment that version landed (started being served), so that a change is dated
/// by when clients could first see it, and an import still running never dates its changes before a client's last read.
/// </summary>
public static class Updates
{
    /// <summary>The row's updatedAt (timestamptz).</summary>
    public static string At(string row) => $"(SELECT l.landed_at FROM opendata_meta.landings l WHERE l.version = {row}.updated_version)";

    /// <summary>Rows changed by a dataset that landed at or after <paramref name="since"/>: by version, on the tables' indexes.</summary>
    public static void Since(SqlWhere where, string row, DateTimeOffset? since)
    {
        if (since is not { } s) return;
        where.AddRaw($"{row}.updated_version >= (SELECT coalesce(min(l.version), 9223372036854775807) FROM opendata_meta.landings l WHERE l.landed_at >= {where.Bind(s.UtcDateTime)})");
    }

    /// <summary>The sort key of an order by updatedAt (versions land in their order).</summary>
    public static KeyPart Key(string row) => new($"{row}.updated_version", KeyType.BigInt);
}
