using System.Collections.Concurrent;

namespace OpenData.Data.Reading;

/// <summary>
/// What PostgreSQL's planner estimates, remembered per dataset version: the matches of each search (its row estimate,
/// from the most common words of the search column that ANALYZE records at import) and the cost of each planned
/// statement (<see cref="PlannedStatement"/>), so that a request's price is known before it runs for the cost of planning
/// one statement, once. Bounded: the entries are cheap to recompute.
/// </summary>
public sealed class PlannerEstimates
{
    private const int MaxEntries = 20_000;
    private readonly ConcurrentDictionary<(long Version, FullTextSearch Search), long> matches = new();
    private readonly ConcurrentDictionary<(long Version, string Statement), double> costs = new();

    internal bool TryGet(long version, FullTextSearch search, out long found) => matches.TryGetValue((version, search), out found);

    internal void Set(long version, FullTextSearch search, long found)
    {
        if (matches.Count >= MaxEntries) matches.Clear();
        matches[(version, search)] = found;
    }

    internal bool TryGetCost(long version, string statement, out double cost) => costs.TryGetValue((version, statement), out cost);

    internal void SetCost(long version, string statement, double cost)
    {
        if (costs.Count >= MaxEntries) costs.Clear();
        costs[(version, statement)] = cost;
    }
}
