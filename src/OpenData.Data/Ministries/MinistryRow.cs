namespace OpenData.Data.Ministries;

/// <summary>A ministry (one portfolio in one government) as read from the served table.</summary>
public sealed record MinistryRow
{
    /// <summary>The Senate's minid.</summary>
    public long Id { get; init; }
    public required string Name { get; init; }
    public string? FullName { get; init; }
    public string? MinisterTitle { get; init; }
    public string? JournalTitle { get; init; }
    public string? MinisterName { get; init; }
    public DateOnly? StartDate { get; init; }
    /// <summary>Null while the ministry is in office.</summary>
    public DateOnly? EndDate { get; init; }
    public bool Current { get; init; }
    public int? ProtocolOrder { get; init; }
    /// <summary>The ministry that replaced this one (minidremp).</summary>
    public long? SuccessorId { get; init; }
    /// <summary>The ministries this one directly replaced.</summary>
    public required long[] PredecessorIds { get; init; }
    /// <summary>Itself and every ministry it transitively replaced.</summary>
    public required long[] LineageIds { get; init; }
    public int QuestionCount { get; init; }
    /// <summary>When the dataset that last changed the ministry landed (UTC).</summary>
    public DateTime UpdatedAt { get; init; }
    /// <summary>The cursor that resumes the list after this row (see <see cref="Paging.Keyset"/>); null when not read as a page.</summary>
    public string? Cursor { get; init; }
}

/// <summary>Filters of the ministries list; every field is optional and they combine with AND.</summary>
public sealed record MinistryFilter
{
    /// <summary>Part of the name, full name or minister's name, accents and case ignored.</summary>
    public string? Q { get; init; }
    /// <summary>true: ministries in office; false: past ones.</summary>
    public bool? Current { get; init; }
    public DateTimeOffset? UpdatedSince { get; init; }
}

public enum MinistrySort { StartDesc, UpdatedDesc, UpdatedAsc }
