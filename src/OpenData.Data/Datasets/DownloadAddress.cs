using System.Globalization;

namespace OpenData.Data.Datasets;

/// <summary>
/// Where a bulk file is served, stated once: REST's route and the addresses /v1/dataset, the catalog and the home page
/// list, and the address GraphQL's <c>Dataset.downloads</c> compiles to SQL.
/// </summary>
public static class DownloadAddress
{
    public const string Prefix = "/v1/downloads";
    public const string Route = Prefix + "/{version}/{name}";

    public static string Of(long version, string name) => $"{Prefix}/{version.ToString(CultureInfo.InvariantCulture)}/{name}";

    /// <summary><see cref="Of"/> in SQL, over a row of <c>opendata_meta.downloads</c>.</summary>
    internal static string Sql(string row) => $"'{Prefix}/' || {row}.version || '/' || {row}.name";
}
