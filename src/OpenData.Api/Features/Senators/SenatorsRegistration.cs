using OpenData.Data.Ministries;
using OpenData.Data.Reference;
using OpenData.Data.Senators;

namespace OpenData.Api.Features.Senators;

public static class SenatorsRegistration
{
    /// <summary>The query classes behind /v1/senators, /v1/ministries, /v1/themes, /v1/groups and /v1/legislatures.</summary>
    public static void AddSenatorsMinistriesReference(this IServiceCollection services)
    {
        services.AddSingleton<SenatorQueries>();
        services.AddSingleton<MinistryQueries>();
        services.AddSingleton<ReferenceQueries>();
    }
}
