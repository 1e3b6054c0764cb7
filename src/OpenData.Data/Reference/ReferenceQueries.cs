using Dapper;
using OpenData.Data.Reading;
using OpenData.Data.Representations;

namespace OpenData.Data.Reference;

/// <summary>The small lookup tables, each read whole: themes, political groups, legislatures.</summary>
public sealed class ReferenceQueries(DatasetSession session)
{
    /// <summary>Every theme, in the Senate's order.</summary>
    public Task<IReadOnlyList<ThemeRow>> ThemesAsync(CancellationToken cancellationToken) =>
        QueryAsync<ThemeRow>(
            "SELECT id, label, alias, sort_order, question_count FROM opendata.themes ORDER BY sort_order NULLS LAST, id",
            cancellationToken);

    /// <summary>Every political group met in the dataset, by code.</summary>
    public Task<IReadOnlyList<PoliticalGroupRow>> GroupsAsync(CancellationToken cancellationToken) =>
        QueryAsync<PoliticalGroupRow>(
            "SELECT code, label, senator_count, active_senator_count FROM opendata.political_groups ORDER BY code",
            cancellationToken);

    /// <summary>Every legislature, latest first.</summary>
    public Task<IReadOnlyList<LegislatureRow>> LegislaturesAsync(CancellationToken cancellationToken) =>
        QueryAsync<LegislatureRow>(
            "SELECT number, label, start_date, end_date, question_count FROM opendata.legislatures ORDER BY number DESC",
            cancellationToken);

    /// <summary>A lookup list whole as REST represents it: each row's JSON, or its CSV fields (<paramref name="csv"/>).</summary>
    public Task<IReadOnlyList<JsonRow>> ListAsync(ReferenceList list, bool csv, CancellationToken cancellationToken)
    {
        var batch = session.Batch();
        return batch.RunAsync(RepresentationWriter.List(batch, list.Representation, list.From, list.Row, list.OrderBy, csv), cancellationToken);
    }

    private Task<IReadOnlyList<T>> QueryAsync<T>(string sql, CancellationToken cancellationToken)
    {
        var batch = session.Batch();
        return batch.RunAsync(batch.Add(sql, async grid => (IReadOnlyList<T>)(await grid.ReadAsync<T>()).AsList()), cancellationToken);
    }
}
