using Dapper;
using OpenData.Data.Reading;
using OpenData.Data.Sql;

namespace OpenData.Data.Paging;

/// <summary>
/// The exact total of a list, as one SQL expression read in the page's batch: without filters the row count recorded
/// at import (no scan); with filters counted once per dataset version and remembered (<see cref="TotalsCache"/>), the
/// remembered total then bound as a value.
/// </summary>
internal sealed class ListTotal
{
    private readonly TotalsCache totals;
    private readonly string key;
    private readonly long cachedVersion;
    private readonly bool cached;
    private readonly bool remember;

    /// <summary>Whether the total is counted by this statement (and remembered when read): a statement with one is not reused.</summary>
    public bool Counts => remember;

    /// <summary>The total as an SQL expression of type bigint.</summary>
    public string Sql { get; }

    /// <param name="totals">The process's remembered totals.</param>
    /// <param name="list">The list's name in the dataset's row counts (questions, answers, senators, ministries).</param>
    /// <param name="from">The table and its alias, as the conditions of <paramref name="where"/> name it.</param>
    /// <param name="where">The list's filter conditions (without any cursor condition).</param>
    /// <param name="batch">The batch the total is read in: a total to count is recorded in its work.</param>
    /// <param name="kind">How the filter's rows are found, when they must be counted.</param>
    public ListTotal(TotalsCache totals, string list, string from, SqlWhere where, ReadBatch batch, CountKind kind)
    {
        this.totals = totals;
        key = TotalsCache.Key(list, where);
        cachedVersion = totals.LatestVersion;
        if (where.IsEmpty)
            Sql = $"(SELECT (row_counts->>'{list}')::bigint FROM {Datasets.DatasetQueries.Serving} d)";
        else if (totals.TryGet(cachedVersion, key, out var total))
        {
            Sql = $"{where.Bind(total)}::bigint";
            cached = true;
        }
        else
        {
            var count = $"SELECT count(*) FROM {from} WHERE {where.Sql}";
            Sql = $"({count})";
            remember = true;
            // Counting questions or answers costs what the filter selects and how it finds them: priced by the planner's
            // estimate. A search's count by its matches; a small table's by its kind.
            if (kind != CountKind.FullText && list is "questions" or "answers")
                batch.Work.Plan(kind == CountKind.ByKey ? PlannedWork.KeyCount : PlannedWork.Count, count, where.Parameters);
            else batch.Work.Count(kind);
        }
    }

    /// <summary>The statement of a batch reading the total alone (what <see cref="ReadAsync"/> reads).</summary>
    public string Statement => $"SELECT {Sql}";

    public async Task<long> ReadAsync(Reading.BatchResults grid, ReadBatch batch) => Read(await grid.ReadSingleOrDefaultAsync<long?>() ?? 0, batch);

    /// <summary>The total read in <paramref name="batch"/>: remembered when counted, checked to be of its dataset when remembered.</summary>
    public long Read(long total, ReadBatch batch)
    {
        if (cached && batch.Version != cachedVersion) throw new DatasetChangedException(cachedVersion, batch.Version);
        if (remember && batch.Version is { } version) totals.Set(version, key, total);
        return total;
    }
}
