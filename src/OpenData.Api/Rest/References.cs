using System.Text.Json.Serialization;

namespace OpenData.Api.Rest;

/// <summary>The API URL of the resource itself.</summary>
/// <param name="Self">API URL of this resource.</param>
public sealed record SelfLink(string Self);

/// <summary>A coded value of the Senate's lookups, with its French label.</summary>
/// <param name="Code">Code as published, e.g. QE.</param>
/// <param name="Label">Label as published, e.g. Question écrite.</param>
public sealed record CodeLabel(string Code, string? Label);

/// <summary>A theme of the Senate's classification.</summary>
/// <param name="Id">Theme id (see /v1/themes).</param>
/// <param name="Label">Theme label.</param>
public sealed record ThemeRef(int Id, string Label);

/// <summary>A ministry, by id and name.</summary>
/// <param name="Id">The Senate's ministry id (minid).</param>
/// <param name="Name">Its short name, e.g. Intérieur.</param>
public sealed record MinistryRef(long Id, string? Name)
{
    public static MinistryRef? From(long? id, string? name) => id is { } value ? new MinistryRef(value, name) : null;
}

/// <summary>A ministry, by id and name, with its time in office: how a list tells apart the ministries of successive governments that share a name.</summary>
/// <param name="Id">The Senate's ministry id (minid).</param>
/// <param name="Name">Its short name, e.g. Intérieur.</param>
/// <param name="StartDate">First day in office.</param>
/// <param name="EndDate">Last day in office, or null while in office.</param>
public sealed record MinistryPeriod(long Id, string? Name, DateOnly? StartDate, DateOnly? EndDate);

/// <summary>A link to an API resource, with the fields a list needs to show it.</summary>
public sealed record ResourceLink(string Id, [property: JsonPropertyName("self")] string Self);

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
