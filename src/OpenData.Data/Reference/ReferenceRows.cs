namespace OpenData.Data.Reference;

/// <summary>A theme of the Senate's classification.</summary>
public sealed record ThemeRow
{
    public int Id { get; init; }
    public required string Label { get; init; }
    public string? Alias { get; init; }
    public int? SortOrder { get; init; }
    public int QuestionCount { get; init; }
}

/// <summary>A political group, with its counts of senators.</summary>
public sealed record PoliticalGroupRow
{
    public required string Code { get; init; }
    public required string Label { get; init; }
    /// <summary>Senators whose current group this is.</summary>
    public int SenatorCount { get; init; }
    public int ActiveSenatorCount { get; init; }
}

/// <summary>A legislature (the Senate's numbering of the Fifth Republic's parliaments).</summary>
public sealed record LegislatureRow
{
    public int Number { get; init; }
    public required string Label { get; init; }
    public DateOnly? StartDate { get; init; }
    public DateOnly? EndDate { get; init; }
    public int QuestionCount { get; init; }
}
