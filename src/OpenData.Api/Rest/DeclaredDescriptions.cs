using System.Reflection;
using Microsoft.OpenApi;
using OpenData.Api.Features.Answers;
using OpenData.Api.Features.Questions;
using OpenData.Api.Features.Senators;
using OpenData.Data.Graph;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace OpenData.Api.Rest;

/// <summary>
/// Describes a property of a REST representation by the GraphQL field of the same name in the data layer's declaration
/// (<see cref="GraphField"/>) when the record says nothing of its own: a field that means the same in both is written
/// once. Where REST's differs (its author is the author at the time, its ids are bare), the record's comment says so.
/// </summary>
public sealed class DeclaredDescriptions : ISchemaFilter
{
    private static readonly Dictionary<Type, ObjectDeclaration> Declared = new()
    {
        [typeof(QuestionResponse)] = GraphDeclarations.Question,
        [typeof(AnswerResponse)] = GraphDeclarations.Answer,
        [typeof(SenatorResponse)] = GraphDeclarations.Senator,
    };

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (context.MemberInfo is not PropertyInfo { DeclaringType: { } owner } property || !Declared.TryGetValue(owner, out var declaration)
            || declaration.Find(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(property.Name)) is not { } field) return;
        // A property of another schema's type (allOf that schema) shows that schema's description unless given its own.
        if (schema is OpenApiSchema concrete && (string.IsNullOrEmpty(concrete.Description)
                || concrete.AllOf is [OpenApiSchemaReference type] && type.Description == concrete.Description))
            concrete.Description = field.Description;
    }
}
