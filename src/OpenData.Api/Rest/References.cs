namespace OpenData.Api.Rest;

/// <summary>A coded value of the Senate's lookups, with its French label.</summary>
/// <param name="Code">Code as published, e.g. QE.</param>
/// <param name="Label">Label as published, e.g. Question écrite.</param>
public sealed record CodeLabel(string Code, string? Label);

/// <summary>The author of a question as at the time of the question.</summary>
/// <param name="Id">Senator id (matricule).</param>
/// <param name="Name">First and last name.</param>
/// <param name="Civility">M. or Mme.</param>
/// <param name="Group">Political group at the time, by code and label (the same object as a senator's group).</param>
/// <param name="Constituency">Constituency at the time.</param>
/// <param name="Self">The senator's API URL.</param>
public sealed record AuthorSnapshot(string Id, string Name, string? Civility, CodeLabel? Group, string? Constituency, string Self);


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
