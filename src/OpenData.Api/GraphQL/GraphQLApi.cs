using GraphQL;
using OpenData.Api.GraphQL.Http;
using OpenData.Api.GraphQL.Ide;
using OpenData.Api.GraphQL.Loaders;
using OpenData.Api.GraphQL.Protection;

namespace OpenData.Api.GraphQL;

/// <summary>The GraphQL API at /graphql: the schema, its DataLoaders, its limits and its IDE.</summary>
public static class GraphQLApi
{
    public const string Path = "/graphql";

    public static void AddGraphQLApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<GraphQLLimits>(configuration.GetSection("GraphQL"));
        services.AddGraphQL(graphql => graphql
            .AddSchema<OpenDataSchema>()
            .AddGraphTypes(typeof(OpenDataSchema).Assembly)
            .AddSystemTextJson(json => json.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping) // French text stays readable
            .AddValidationRule<QueryCostRule>()
            .AddErrorInfoProvider(o => o.ExposeExceptionDetails = false));
        services.AddScoped<QuestionLoader>();
        services.AddScoped<ReminderLoader>();
        services.AddScoped<AnswerLoader>();
        services.AddScoped<SenatorLoader>();
        services.AddScoped<GroupHistoryLoader>();
        services.AddScoped<MinistryLoader>();
        services.AddScoped<ThemeLoader>();
        services.AddScoped<GroupLoader>();
        services.AddSingleton<PersistedQueryStore>();
        services.AddSingleton<GraphiQLPage>();
    }

    public static void MapGraphQLApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods(Path, [HttpMethods.Get, HttpMethods.Post], GraphQLEndpoint.HandleAsync)
            .WithName("GraphQL").ExcludeFromDescription();
        app.MapGet($"{Path}/ide/{{file}}", (string file, GraphiQLPage ide, HttpContext http) =>
            {
                http.Response.Headers.CacheControl = "public, max-age=86400";
                return ide.Asset(file);
            })
            .ExcludeFromDescription();
        app.MapGet($"{Path}/schema.graphql", (OpenDataSchema schema) => Results.Text(schema.Print(), "text/plain; charset=utf-8"))
            .WithName("GraphQLSchema").ExcludeFromDescription();
    }
}
