namespace OpenData.Data.Senators;

/// <summary>A senator as read from the served table, with the label of their current group.</summary>
public sealed record SenatorRow
{
    /// <summary>The Senate's matricule, e.g. 08037L.</summary>
    public required string Id { get; init; }
    public string? Civility { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public required string Name { get; init; }
    public bool Active { get; init; }
    public DateOnly? BirthDate { get; init; }
    public DateOnly? DeathDate { get; init; }
    /// <summary>Current (or last) political group code; null when none.</summary>
    public string? GroupCode { get; init; }
    /// <summary>Label of <see cref="GroupCode"/> from the political groups table (the code when unknown).</summary>
    public string? GroupLabel { get; init; }
    /// <summary>Kind of membership of the current group (member, attached, related).</summary>
    public string? GroupMembership { get; init; }
    public string? Constituency { get; init; }
    public string? Committee { get; init; }
    public string? BureauFunction { get; init; }
    public string? Email { get; init; }
    public string? Profession { get; init; }
    public string? ProfessionCategory { get; init; }
    public int QuestionCount { get; init; }
    public required string Url { get; init; }
    /// <summary>When the dataset that last changed the senator landed (UTC).</summary>
    public DateTime UpdatedAt { get; init; }
    /// <summary>The cursor that resumes the list after this row (see <see cref="Paging.Keyset"/>); null when not read as a page.</summary>
    public string? Cursor { get; init; }
}

/// <summary>Filters of the senators list; every field is optional and they combine with AND.</summary>
public sealed record SenatorFilter
{
    /// <summary>Part of the name, accents and case ignored.</summary>
    public string? Q { get; init; }
    public bool? Active { get; init; }
    /// <summary>Current political group code.</summary>
    public string? Group { get; init; }
    /// <summary>Constituency, exact match.</summary>
    public string? Constituency { get; init; }
    public DateTimeOffset? UpdatedSince { get; init; }
}

public enum SenatorSort { Name, UpdatedDesc, UpdatedAsc }
