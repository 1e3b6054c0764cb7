using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace OpenData.Api.Rest;

/// <summary>What the OpenAPI document says as a whole: where it is served, that no credentials are needed (a key is optional), what each tag holds.</summary>
public sealed class DocumentDescription : IDocumentFilter
{
    /// <summary>The server URL as the document is built: replaced by the absolute URL each request was sent to (<see cref="Infrastructure.BuiltOnce"/>).</summary>
    public const string ServerUrlPlaceholder = "https://server.invalid/opendata-server-url";

    private const string ApiKeyScheme = "ApiKey";
    private const string BearerScheme = "Bearer";

    private static readonly Dictionary<string, string> Tags = new()
    {
        ["Questions"] = "Written and oral questions of senators to the government, searchable in French, with their answers.",
        ["Answers"] = "Ministers' answers as published in the Journal officiel.",
        ["Senators"] = "Senators of every era, with their political group history and their questions.",
        ["Ministries"] = "Ministries of every government, linked across reshuffles (successor and predecessors).",
        ["Reference"] = "The Senate's themes, political groups and legislatures.",
        ["Statistics"] = "Answer rates and delays per ministry, and questions and answers over time.",
        ["Dataset"] = "What is being served: version, import time, source files, licence.",
        ["Keys"] = "API keys people can get at once (self-service tier): a larger quota than anonymous.",
        ["Health"] = "Liveness and readiness probes.",
    };

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        document.Servers = [new OpenApiServer { Url = ServerUrlPlaceholder, Description = "This server (the URL the document was read from)" }];
        // Public and read-only: every operation is open to anonymous callers ({}); a key (X-Api-Key, or the same key as a
        // bearer token) only raises the caller's quota.
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = Protection.QuotaMiddleware.ApiKeyHeader,
                Description = "An API key raises the caller's quota (RateLimit-* headers); without one, the anonymous quota applies per address.",
            },
            [BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer",
                Description = "The same API key, sent as Authorization: Bearer KEY.",
            },
        };
        document.Security =
        [
            new OpenApiSecurityRequirement(),
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] },
        ];
        var used = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []).SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(t => t.Name).ToHashSet();
        document.Tags = new HashSet<OpenApiTag>(Tags.Where(t => used.Contains(t.Key)).Select(t => new OpenApiTag { Name = t.Key, Description = t.Value }));

        // Properties typed by another schema are allOf wrappers (so they keep their description); OpenAPI 3.0
        // requires a type beside "nullable", and they are objects.
        foreach (var schema in document.Components?.Schemas?.Values.OfType<OpenApiSchema>() ?? [])
            foreach (var property in schema.Properties?.Values.OfType<OpenApiSchema>() ?? [])
                if (property.AllOf is { Count: > 0 } && property.Type is null or JsonSchemaType.Null)
                    property.Type = JsonSchemaType.Object | (property.Type ?? 0);
        SchemaExamples.Apply(document);
    }
}
