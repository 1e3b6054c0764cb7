using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace OpenData.Api.Rest;

/// <summary>
/// Every status the API sends and the headers that come with it, documented on each operation: the quota's 401 and 429
/// (with Retry-After and RateLimit-*) and the request's Max-Cost, the 304 of a revalidation, the ETag and Last-Modified of cacheable answers, the
/// Link and X-Total-Count of lists, the Retry-After of a 503. Health probes cost no quota and are not cached.
/// </summary>
public sealed class ResponseDocumentation : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var path = "/" + (context.ApiDescription.RelativePath ?? "").Split('?')[0];
        if (path.StartsWith("/health", StringComparison.Ordinal) || operation.Responses is null) return;
        var get = string.Equals(context.ApiDescription.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase);
        operation.Parameters ??= [];
        operation.Parameters.Add(MaxCost(context.Document));

        if (operation.Responses.TryGetValue("200", out var ok) && ok is OpenApiResponse answer)
        {
            answer.Headers ??= new Dictionary<string, IOpenApiHeader>();
            foreach (var (name, header) in Quota) answer.Headers[name] = header;
            if (get)
            {
                answer.Headers["ETag"] = Header("Validator of this representation: send it back in If-None-Match to get a 304 while the dataset is unchanged.");
                answer.Headers["Last-Modified"] = Header("When the dataset served was imported (for If-Modified-Since).");
            }
            if (operation.Parameters?.Any(p => p.Name == "cursor") == true) // a list
            {
                answer.Headers["Link"] = Header("RFC 8288 links: rel=\"next\" to the next page when one follows.");
                answer.Headers["X-Total-Count"] = Header("The number of items in the filtered list (meta.total).", JsonSchemaType.Integer);
            }
        }
        if (get) operation.Responses.TryAdd("304", new OpenApiResponse { Description = "Not modified: the representation named by If-None-Match or If-Modified-Since is current." });
        operation.Responses.TryAdd("401", Problem("Invalid API key: X-Api-Key or Authorization: Bearer holds no active key (send neither to be anonymous)."));
        operation.Responses.TryAdd("429", Problem("Too many requests: the client's quota for the window is spent, or too many of its requests are in flight.",
            new Dictionary<string, IOpenApiHeader>(Quota) { ["Retry-After"] = Header("Seconds until the quota allows the request again.", JsonSchemaType.Integer) }));
        if (operation.Responses.TryGetValue("503", out var unavailable) && unavailable is OpenApiResponse down)
        {
            down.Headers ??= new Dictionary<string, IOpenApiHeader>();
            down.Headers["Retry-After"] = Header("Seconds after which to try again.", JsonSchemaType.Integer);
        }
    }

    /// <summary>The request's Max-Cost header, described once among the document's parameters.</summary>
    private static OpenApiParameterReference MaxCost(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Parameters ??= new Dictionary<string, IOpenApiParameter>();
        document.Components.Parameters.TryAdd("MaxCost", new OpenApiParameter
        {
            Name = Protection.MaxCost.Header,
            In = ParameterLocation.Header,
            Description = Protection.MaxCost.Description,
            Required = false,
            Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "1" },
        });
        return new OpenApiParameterReference("MaxCost", document);
    }

    private static readonly Dictionary<string, IOpenApiHeader> Quota = new()
    {
        ["RateLimit-Limit"] = Header("Permits of the client's window (its quota).", JsonSchemaType.Integer),
        ["RateLimit-Remaining"] = Header("Permits left in the current window.", JsonSchemaType.Integer),
        ["RateLimit-Reset"] = Header("Seconds until the window resets.", JsonSchemaType.Integer),
    };

    private static OpenApiHeader Header(string description, JsonSchemaType type = JsonSchemaType.String) =>
        new() { Description = description, Schema = new OpenApiSchema { Type = type } };

    private static OpenApiResponse Problem(string description, Dictionary<string, IOpenApiHeader>? headers = null) => new()
    {
        Description = description,
        Headers = headers,
        Content = new Dictionary<string, IOpenApiMediaType>
        {
            ["application/problem+json"] = new OpenApiMediaType { Schema = new OpenApiSchemaReference("ProblemDetails") },
        },
    };
}
