using Npgsql;

namespace OpenData.Data.Reading;

// What a request's price depends on, asked of PostgreSQL's planner before it is charged.
public sealed partial class DatasetSession
{
    /// <summary>
    /// Searches, and planned statements, estimated per call: a request refused for its price has asked for a few estimates
    /// at most. A query of two searches was priced, the first time it was sent, as if its second matched every question.
    /// </summary>
    private const int MaxEstimatesPerCall = 4;

    /// <summary>
    /// Asks PostgreSQL's planner what the work's price depends on, before the request is charged, remembering each answer
    /// per dataset version in <see cref="PlannerEstimates"/>: <see cref="BatchWork.Matches"/>, the most rows one of its
    /// full-text searches matches (estimated from the search column's statistics), and each planned statement's
    /// <see cref="PlannedStatement.Cost"/>. One round trip on this request's connection (<c>EXPLAIN</c>, planned for the
    /// values) for what is new to the version: <see cref="MaxEstimatesPerCall"/> searches and as many statements at most,
    /// once a batch. What is still unknown is priced as if its filter selected every row.
    /// </summary>
    public async Task EstimateAsync(BatchWork work, CancellationToken cancellationToken)
    {
        // Once a batch: a GraphQL query is priced (and paid) before its batch runs, and running it asks again.
        if (work.EstimatesAsked) return;
        work.EstimatesAsked = true;
        var version = totals.LatestVersion;
        var searches = work.Matches is null
            ? work.Searches.Where(s => !estimates.TryGet(version, s, out _)).Distinct().Take(MaxEstimatesPerCall).ToList()
            : [];
        var statements = work.Planned.Where(p => p.Cost is null && !estimates.TryGetCost(version, p.Key, out _))
            .DistinctBy(p => p.Key).Take(MaxEstimatesPerCall).ToList();
        if (searches.Count > 0 || statements.Count > 0)
        {
            await ExplainAsync(searches, statements, cancellationToken);
            work.Estimated += searches.Count + statements.Count;
            work.EstimatedTimelines += statements.Count(p => p.Work == PlannedWork.Timeline);
        }

        version = totals.LatestVersion;
        foreach (var planned in work.Planned)
            if (estimates.TryGetCost(version, planned.Key, out var cost)) planned.Cost = cost;
        if (work.Searches.Count == 0 || work.Matches is not null) return;
        long most = 0;
        foreach (var each in work.Searches)
            if (estimates.TryGet(version, each, out var matches)) most = Math.Max(most, matches);
            else return; // not yet estimated, or the dataset changed meanwhile: priced as if every row matched
        work.Matches = most;
    }

    private async Task ExplainAsync(IReadOnlyList<FullTextSearch> searches, IReadOnlyList<PlannedStatement> statements, CancellationToken cancellationToken)
    {
        await turn.WaitAsync(cancellationToken);
        try
        {
            connection ??= await pool.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlBatch(connection);
            command.BatchCommands.Add(new NpgsqlBatchCommand(VersionSql));
            command.BatchCommands.Add(new NpgsqlBatchCommand(PlanSql)); // estimated for the values, not generically
            foreach (var search in searches)
                command.BatchCommands.Add(new NpgsqlBatchCommand(search.EstimateSql) { Parameters = { new NpgsqlParameter { Value = search.Words } } });
            // Each planned as it runs: a statement filtered by a search in a batch without sequential scans (SearchPlanSql),
            // so those come last, after the setting.
            statements = [.. statements.OrderBy(p => p.FullText)];
            var firstSearching = statements.TakeWhile(p => !p.FullText).Count();
            for (var i = 0; i < statements.Count; i++)
            {
                if (i == firstSearching) command.BatchCommands.Add(new NpgsqlBatchCommand("SELECT " + IndexedSearchSql));
                command.BatchCommands.Add(Command("EXPLAIN (FORMAT JSON) " + statements[i].Sql, statements[i].Values));
            }
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var version = await reader.IsDBNullAsync(0, cancellationToken) ? -1 : reader.GetInt64(0);
            await reader.NextResultAsync(cancellationToken); // the plan mode set
            foreach (var search in searches)
            {
                await reader.NextResultAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                estimates.Set(version, search, reader.GetInt64(0));
            }
            for (var i = 0; i < statements.Count; i++)
            {
                var planned = statements[i];
                if (i == firstSearching) await reader.NextResultAsync(cancellationToken); // the setting
                await reader.NextResultAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                estimates.SetCost(version, planned.Key, PlanEstimate(reader.GetString(0), planned.Work == PlannedWork.Figures ? "Plan Rows" : "Total Cost"));
            }
            totals.Observe(version);
        }
        catch
        {
            await DropConnectionAsync();
            throw;
        }
        finally
        {
            turn.Release();
        }
    }

    private static double PlanEstimate(string explained, string property)
    {
        using var plan = System.Text.Json.JsonDocument.Parse(explained);
        var estimate = plan.RootElement[0].GetProperty("Plan").GetProperty(property).GetDouble();
        // A sequential scan a searching batch could not avoid (SearchPlanSql) is costed 1e10 more by PostgreSQL up to 17
        // (disable_cost): the statement's own cost is what is left.
        return estimate >= DisableCost ? estimate % DisableCost : estimate;
    }

    /// <summary>What PostgreSQL's planner adds to the cost of a plan node its settings disable.</summary>
    private const double DisableCost = 1.0e10;
}
