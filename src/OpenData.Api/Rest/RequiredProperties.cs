using System.Reflection;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace OpenData.Api.Rest;

/// <summary>
/// Marks as required every property an answer always holds: the ones that cannot be null and are never left out
/// (JsonIgnore WhenWritingNull), so that typed clients (openapi-typescript, Kiota, NSwag) do not make them optional.
/// A nullable property is always there too, with null: required as well, and nullable. Answers only: request bodies
/// (<see cref="IRequestBody"/>) keep their fields optional.
/// </summary>
public sealed class RequiredProperties : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties.Count: > 0 } concrete || context.Type is not { IsClass: true } type || type == typeof(string)) return;
        if (typeof(IRequestBody).IsAssignableFrom(type)) return; // a request: its fields are the client's to leave out
        var omitted = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is { Condition: not JsonIgnoreCondition.Never })
            .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy(p.Name))
            .ToHashSet(StringComparer.Ordinal);
        concrete.Required ??= new HashSet<string>();
        foreach (var name in concrete.Properties!.Keys.Where(n => !omitted.Contains(n))) concrete.Required.Add(name);
    }

    private static string JsonNamingPolicy(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);
}

/// <summary>A request body's schema (GraphQL's, a key request): what the client sends, its fields optional in the contract.</summary>
public interface IRequestBody;
