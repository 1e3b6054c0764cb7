using System.Collections.Concurrent;
using Dapper;
using Npgsql;
using OpenData.Data.Sql;

namespace OpenData.Data.Paging;

/// <summary>
/// Exact totals of filtered lists, remembered per dataset version: every page of one search has the same
/// total, and a full-text count over a broad search costs hundreds of milliseconds. The version is read
/// with the lookup, so a new dataset never gets an old total.
/// </summary>
internal sealed class TotalsCache
{
    private const int MaxEntries = 20_000;
    private readonly ConcurrentDictionary<string, long> totals = new(StringComparer.Ordinal);

    public async Task<long> GetOrCountAsync(NpgsqlConnection connection, string table, SqlWhere where, Func<Task<long>> count, CancellationToken cancellationToken)
    {
        var version = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT max(version) FROM opendata.dataset", cancellationToken: cancellationToken));
        var key = $"{version}|{table}|{where.Sql}|{string.Join('|', where.Parameters.ParameterNames.Select(n => Format(where.Parameters.Get<object?>(n))))}";
        if (totals.TryGetValue(key, out var known)) return known;
        var total = await count();
        if (totals.Count >= MaxEntries) totals.Clear(); // crude, but bounded: the entries are cheap to recompute
        totals[key] = total;
        return total;
    }

    private static string Format(object? value) => value switch
    {
        null => "∅",
        string s => s.Replace("|", "||", StringComparison.Ordinal),
        System.Collections.IEnumerable items => "[" + string.Join(',', items.Cast<object?>().Select(Format)) + "]",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
