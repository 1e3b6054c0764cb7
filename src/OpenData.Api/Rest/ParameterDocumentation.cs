using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace OpenData.Api.Rest;

/// <summary>Documents each endpoint's query parameters from the same definitions that parse them.</summary>
public sealed class ParameterDocumentation : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        DescribeExports(operation);
        foreach (var path in context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<PathParameterMetadata>())
            if (operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == path.Name && p.In == ParameterLocation.Path) is { } target)
            {
                target.Description = path.Description;
                target.Example = path.Integer ? JsonValue.Create(long.Parse(path.Example, CultureInfo.InvariantCulture)) : JsonValue.Create(path.Example);
                if (path.Integer) target.Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64" };
            }
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<RequestExample>().FirstOrDefault() is { } body
            && operation.RequestBody?.Content?.TryGetValue("application/json", out var media) == true && media is OpenApiMediaType json)
            json.Example = body.Example.DeepClone();
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<ParameterMetadata>().FirstOrDefault();
        if (metadata is null) return;
        operation.Parameters ??= [];
        foreach (var parameter in metadata.Parameters)
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = parameter.Name,
                In = ParameterLocation.Query,
                Description = parameter.Example is { } example && !parameter.Prefill ? $"{parameter.Description} Example: {example}." : parameter.Description,
                Required = false,
                Schema = Schema(parameter),
                Explode = parameter.Repeatable,
                // Optional filters are not pre-filled: together they would contradict each other and Swagger UI's try-out would get nothing.
                Example = parameter.Prefill ? Example(parameter) : null,
            });
    }

    /// <summary>CSV and NDJSON are text: one header row then one row per item, or one JSON item per line.</summary>
    private static void DescribeExports(OpenApiOperation operation)
    {
        if (operation.Responses?.TryGetValue("200", out var ok) != true || ok?.Content is null) return;
        if (ok.Content.ContainsKey(Negotiation.CsvType))
            ok.Content[Negotiation.CsvType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "RFC 4180 CSV, UTF-8 with BOM, one header row, one row per item; the total is in X-Total-Count." } };
        if (ok.Content.ContainsKey(Negotiation.NdjsonType))
            ok.Content[Negotiation.NdjsonType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "One JSON item per line (the items of data in the JSON list); the total is in X-Total-Count." } };
    }

    /// <summary>The example typed like the schema: a number, a boolean, or an array for repeatable parameters.</summary>
    private static JsonNode? Example(ApiParameter parameter)
    {
        if (parameter.Example is not { } example) return null;
        JsonNode value = parameter.Kind switch
        {
            ParameterKind.Integer => JsonValue.Create(long.Parse(example, CultureInfo.InvariantCulture)),
            ParameterKind.Boolean => JsonValue.Create(example == "true"),
            _ => JsonValue.Create(example),
        };
        return parameter.Repeatable ? new JsonArray(value) : value;
    }

    private static IOpenApiSchema Schema(ApiParameter parameter)
    {
        var single = new OpenApiSchema
        {
            Type = parameter.Kind switch
            {
                ParameterKind.Integer => JsonSchemaType.Integer,
                ParameterKind.Boolean => JsonSchemaType.Boolean,
                _ => JsonSchemaType.String,
            },
            Format = parameter.Kind switch
            {
                ParameterKind.Date => "date",
                ParameterKind.Timestamp => "date-time",
                ParameterKind.Integer => "int64",
                _ => null,
            },
            Enum = parameter.Values.Count > 0 ? parameter.Values.Select(v => (JsonNode)JsonValue.Create(v)).ToList() : null,
            Minimum = parameter.Minimum?.ToString(CultureInfo.InvariantCulture),
            Maximum = parameter.Maximum?.ToString(CultureInfo.InvariantCulture),
            Default = parameter.Default is null ? null : JsonValue.Create(parameter.Default),
        };
        return parameter.Repeatable ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = single } : single;
    }
}
