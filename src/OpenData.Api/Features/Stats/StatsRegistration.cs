using OpenData.Data.Stats;

namespace OpenData.Api.Features.Stats;

public static class StatsRegistration
{
    /// <summary>The statistics queries, one for the process (they share the application's data source).</summary>
    public static void AddStats(this IServiceCollection services) => services.AddSingleton<StatsQueries>();
}
