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
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<ParameterMetadata>().FirstOrDefault();
        if (metadata is null) return;
        operation.Parameters ??= [];
        foreach (var parameter in metadata.Parameters)
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = parameter.Name,
                In = ParameterLocation.Query,
                Description = parameter.Description,
                Required = false,
                Schema = Schema(parameter),
                Explode = parameter.Repeatable,
                Example = parameter.Example is null ? null : JsonValue.Create(parameter.Example),
            });
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
