using Microsoft.OpenApi;

namespace OpenData.Api.Infrastructure;

/// <summary>The OpenAPI document at /openapi/v1.json and Swagger UI at /swagger, both served from the app itself.</summary>
public static class ApiDocumentation
{
    public const string DocumentPath = "/openapi/v1.json";

    public static void AddApiDocumentation(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "OpenData.Api — questions to the French government from the Senate",
                Version = "v1",
                Description = "Read-only API over the French Senate's written and oral questions to the government, their answers, " +
                    "the senators who asked them and the ministries they were addressed to. Data: Sénat (data.senat.fr), " +
                    "published under the Licence Ouverte / Open Licence 2.0.",
                License = new OpenApiLicense { Name = "Data: Licence Ouverte / Open Licence 2.0 (Etalab)", Url = new Uri("https://www.etalab.gouv.fr/licence-ouverte-open-licence/") },
                Contact = new OpenApiContact { Name = "OpenData.Api maintainers", Email = null },
            });
            options.DocInclusionPredicate((_, api) => api.HttpMethod != HttpMethods.Head); // HEAD is GET without the body
            options.UseAllOfToExtendReferenceSchemas(); // keeps the description of properties whose type is another schema
            options.SupportNonNullableReferenceTypes();
            options.OperationFilter<OpenData.Api.Rest.ParameterDocumentation>();
            options.DocumentFilter<OpenData.Api.Rest.DocumentDescription>();
            foreach (var assembly in new[] { "OpenData.Api", "OpenData.Data" })
            {
                var xml = Path.Combine(AppContext.BaseDirectory, $"{assembly}.xml");
                if (File.Exists(xml)) options.IncludeXmlComments(xml);
            }
        });
    }

    public static void MapApiDocumentation(this WebApplication app)
    {
        app.UseSwagger(options => options.RouteTemplate = "openapi/{documentName}.json");
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = "swagger";
            options.SwaggerEndpoint(DocumentPath, "OpenData.Api v1");
            options.DocumentTitle = "OpenData.Api";
        });
    }
}
