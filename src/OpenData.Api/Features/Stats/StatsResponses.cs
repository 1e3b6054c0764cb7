using OpenData.Data.Representations;
using OpenData.Data.Stats;

namespace OpenData.Api.Features.Stats;

/// <summary>The schema of <c>StatsRepresentations.MinistryStats</c> (made from it by Rest.RepresentationSchemas).</summary>
public sealed class MinistryStatsResponse;

/// <summary>Statistics of every ministry matching the filters, most questions first (no paging: one row per ministry).</summary>
/// <param name="Data">One row per ministry, by number of questions (descending), then ministry id.</param>
/// <param name="Meta">What describes the whole list.</param>
public sealed record MinistryStatsListResponse(IReadOnlyList<MinistryStatsResponse> Data, MinistryStatsMeta Meta);

/// <summary>What describes the ministry statistics.</summary>
/// <param name="Total">Number of ministries listed.</param>
/// <param name="Natures">The kinds of question counted: the nature parameter, or QE (written questions) by default.</param>
/// <param name="Empty">Why the list is empty, in words (the filters that select nothing); null when it is not.</param>
public sealed record MinistryStatsMeta(long Total, IReadOnlyList<string> Natures, string? Empty)
{
    public static MinistryStatsMeta Of(int rows, StatsFilter filter) => new(rows, filter.EffectiveNatures, rows > 0 ? null : string.Join(" ", new[]
    {
        $"No question of the kinds counted ({string.Join(", ", filter.EffectiveNatures)})",
        filter.From is { } from ? $"published from {from:yyyy-MM-dd}" : null,
        filter.To is { } to ? $"published until {to:yyyy-MM-dd}" : null,
        filter.Legislature is { } legislature ? $"in legislature {legislature}" : null,
        filter.Current switch { true => "is handled by a ministry in office", false => "is handled by a ministry no longer in office", _ => "is in this dataset" },
    }.OfType<string>()) + ": no ministry has figures for these filters.");
}

/// <summary>The schema of <c>StatsRepresentations.Period</c> (made from it by Rest.RepresentationSchemas).</summary>
public sealed class TimelinePeriodResponse;

/// <summary>A timeline: one row per period, oldest first, without gaps (periods with no event have zero counts).</summary>
/// <param name="Data">The periods, from the first with a published or answered question to the last.</param>
/// <param name="Meta">What describes the whole timeline.</param>
public sealed record TimelineResponse(IReadOnlyList<TimelinePeriodResponse> Data, TimelineMeta Meta);

/// <summary>What describes a timeline.</summary>
/// <param name="Total">Number of periods.</param>
/// <param name="Interval">month or year.</param>
/// <param name="Empty">Why the timeline is empty, in words; null when it is not.</param>
public sealed record TimelineMeta(long Total, string Interval, string? Empty);

/// <summary>
/// A statistics list as written: its rows' JSON, as read (<see cref="JsonRow"/>), and what describes it; documented as
/// <see cref="MinistryStatsListResponse"/> and <see cref="TimelineResponse"/>.
/// </summary>
internal sealed record StatsList<TMeta>(IReadOnlyList<JsonRow> Data, TMeta Meta);
