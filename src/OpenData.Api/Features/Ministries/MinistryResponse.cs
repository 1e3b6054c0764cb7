using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using OpenData.Api.Rest;
using OpenData.Data.Ministries;

namespace OpenData.Api.Features.Ministries;

// A property documented by nothing here is described, in the OpenAPI document, by the GraphQL field of the same name
// (its declaration in OpenData.Data.Graph: Rest.DeclaredDescriptions), which means the same.
#pragma warning disable CS1573 // the parameters it describes are left out here

/// <summary>A ministry: one portfolio in one government. Reshuffles replace ministries by successors.</summary>
public record MinistryResponse
{
    /// <summary>The Senate's ministry id (minid), its public id.</summary>
    public required long Id { get; init; }
    public required string Name { get; init; }
    public string? FullName { get; init; }
    public string? MinisterTitle { get; init; }
    public string? JournalTitle { get; init; }
    public string? MinisterName { get; init; }
    public DateOnly? StartDate { get; init; }
    public DateOnly? EndDate { get; init; }
    public bool Current { get; init; }
    public int? ProtocolOrder { get; init; }
    /// <summary>The ministry that replaced this one, if any.</summary>
    public long? SuccessorId { get; init; }
    /// <summary>The ministries this one directly replaced.</summary>
    public required IReadOnlyList<long> PredecessorIds { get; init; }
    public int QuestionCount { get; init; }
    /// <summary>When this ministry last changed in the API: the moment the import that changed it was first served (UTC).</summary>
    public DateTime UpdatedAt { get; init; }
    /// <summary>The ministry's API URL and that of its questions.</summary>
    public required MinistryLinks Links { get; init; }

    public static MinistryResponse From(MinistryRow m) => new()
    {
        Id = m.Id,
        Name = m.Name,
        FullName = m.FullName,
        MinisterTitle = m.MinisterTitle,
        JournalTitle = m.JournalTitle,
        MinisterName = m.MinisterName,
        StartDate = m.StartDate,
        EndDate = m.EndDate,
        Current = m.Current,
        ProtocolOrder = m.ProtocolOrder,
        SuccessorId = m.SuccessorId,
        PredecessorIds = m.PredecessorIds,
        QuestionCount = m.QuestionCount,
        UpdatedAt = Dates.Utc(m.UpdatedAt),
        Links = new MinistryLinks($"/v1/ministries/{m.Id}", $"/v1/ministries/{m.Id}/questions"),
    };

    public static readonly IReadOnlyList<CsvColumn<MinistryResponse>> CsvColumns =
    [
        new("id", m => m.Id), new("name", m => m.Name), new("fullName", m => m.FullName), new("ministerTitle", m => m.MinisterTitle),
        new("journalTitle", m => m.JournalTitle), new("ministerName", m => m.MinisterName), new("startDate", m => m.StartDate),
        new("endDate", m => m.EndDate), new("current", m => m.Current), new("protocolOrder", m => m.ProtocolOrder),
        new("successorId", m => m.SuccessorId), new("predecessorIds", m => m.PredecessorIds.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        new("questionCount", m => m.QuestionCount), new("updatedAt", m => Dates.Text(m.UpdatedAt)),
    ];
}

/// <summary>A ministry with the ministries it replaced and the one that replaced it.</summary>
public sealed record MinistryDetailResponse : MinistryResponse
{
    [SetsRequiredMembers]
    public MinistryDetailResponse(MinistryResponse ministry) : base(ministry) { }

    /// <summary>The ministry that replaced this one, or null.</summary>
    [JsonPropertyOrder(100)]
    public MinistryRef? Successor { get; init; }

    /// <summary>The ministries this one directly replaced.</summary>
    [JsonPropertyOrder(101)]
    public IReadOnlyList<MinistryRef> Predecessors { get; init; } = [];
}

/// <summary>Links of a ministry.</summary>
/// <param name="Self">The ministry's API URL.</param>
/// <param name="Questions">The API URL of the questions addressed to, transferred to or answered by it.</param>
public sealed record MinistryLinks(string Self, string Questions);
