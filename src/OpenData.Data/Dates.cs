namespace OpenData.Data;

/// <summary>Timestamps as the API writes them: in UTC, with Z (REST, GraphQL's DateTime, CSV, the MCP tools).</summary>
public static class Dates
{
    /// <summary>A timestamp as JSON writes it (UTC, Z, the fraction of a second without trailing zeros): for CSV.</summary>
    public static string Text(DateTime value) => Utc(value).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A timestamp as UTC (written with Z), whatever the kind it was read as.</summary>
    public static DateTime Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Local => value.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        _ => value,
    };
}
