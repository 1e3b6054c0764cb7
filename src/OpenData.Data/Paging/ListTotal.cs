using Dapper;
using OpenData.Data.Reading;
using OpenData.Data.Sql;

namespace OpenData.Data.Paging;

/// <summary>
/// The exact total of a list in the page's batch: without filters the row count recorded at import (no scan);
/// with filters counted once per dataset version and remembered (<see cref="TotalsCache"/>).
/// </summary>
internal sealed class ListTotal
{
    private readonly TotalsCache totals;
    private readonly string key;
    private readonly long cachedVersion;
    private readonly long cached;
    private readonly bool remember;

    /// <summary>The statements to add to the batch (none when the total is known).</summary>
    public IReadOnlyList<string> Statements { get; }

    /// <param name="totals">The process's remembered totals.</param>
    /// <param name="list">The list's name in the dataset's row counts (questions, answers, senators, ministries).</param>
    /// <param name="from">The table and its alias, as the conditions of <paramref name="where"/> name it.</param>
    /// <param name="where">The list's filter conditions (without any cursor condition).</param>
    public ListTotal(TotalsCache totals, string list, string from, SqlWhere where)
    {
        this.totals = totals;
        key = TotalsCache.Key(list, where);
        cachedVersion = totals.LatestVersion;
        if (where.IsEmpty)
            Statements = [$"SELECT (row_counts->>'{list}')::bigint FROM opendata.dataset"];
        else if (totals.TryGet(cachedVersion, key, out cached))
            Statements = [];
        else
        {
            Statements = [$"SELECT count(*) FROM {from} WHERE {where.Sql}"];
            remember = true;
        }
    }

    public async Task<long> ReadAsync(SqlMapper.GridReader grid, ReadBatch batch)
    {
        if (Statements.Count == 0)
            return batch.Version == cachedVersion ? cached : throw new DatasetChangedException(cachedVersion, batch.Version);
        var total = await grid.ReadSingleOrDefaultAsync<long?>() ?? 0;
        if (remember && batch.Version is { } version) totals.Set(version, key, total);
        return total;
    }
}
