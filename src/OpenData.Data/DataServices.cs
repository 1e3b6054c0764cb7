using Microsoft.Extensions.DependencyInjection;
using OpenData.Data.Answers;
using OpenData.Data.Changes;
using OpenData.Data.Datasets;
using OpenData.Data.Ministries;
using OpenData.Data.Paging;
using OpenData.Data.Questions;
using OpenData.Data.Reading;
using OpenData.Data.Reference;
using OpenData.Data.Senators;
using OpenData.Data.Stats;

namespace OpenData.Data;

public static class DataServices
{
    /// <summary>
    /// The query classes, one <see cref="DatasetSession"/> per scope (a request), and the totals they share. The caller
    /// registers the <see cref="Npgsql.NpgsqlDataSource"/> and the <see cref="ReadLimits"/> they read with.
    /// </summary>
    public static IServiceCollection AddOpenDataQueries(this IServiceCollection services)
    {
        services.AddSingleton<TotalsCache>();
        services.AddSingleton<PlannerEstimates>();
        services.AddScoped<DatasetSession>();
        services.AddScoped<DatasetQueries>();
        services.AddSingleton<DownloadQueries>();
        services.AddScoped<QuestionQueries>();
        services.AddScoped<Twins.TwinQueries>();
        services.AddScoped<AnswerQueries>();
        services.AddScoped<SenatorQueries>();
        services.AddScoped<MinistryQueries>();
        services.AddScoped<ReferenceQueries>();
        services.AddScoped<StatsQueries>();
        services.AddScoped<ChangeQueries>();
        return services;
    }
}
