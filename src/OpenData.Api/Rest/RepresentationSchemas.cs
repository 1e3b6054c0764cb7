using Microsoft.OpenApi;
using OpenData.Data.Representations;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace OpenData.Api.Rest;

/// <summary>
/// The OpenAPI schemas of REST's representations (<see cref="Representation"/>), made from their fields: each field's
/// type, nullability and description as declared, every field required (an answer always holds it, null or not), no
/// other property. The endpoints refer to them by name (an empty marker type of that name).
/// </summary>
public sealed class RepresentationSchemas : IDocumentFilter
{
    /// <summary>Every representation REST serves.</summary>
    public static readonly IReadOnlyList<Representation> All =
    [
        OpenData.Data.Ministries.MinistryRepresentations.Ministry, OpenData.Data.Ministries.MinistryRepresentations.Detail,
        OpenData.Data.Senators.SenatorRepresentations.Senator, OpenData.Data.Answers.AnswerRepresentations.Answer,
        OpenData.Data.Questions.QuestionRepresentations.Question, OpenData.Data.Questions.QuestionRepresentations.Detail,
        OpenData.Data.Questions.QuestionRepresentations.Similar, OpenData.Data.Reference.ReferenceRepresentations.Themes.Representation,
        OpenData.Data.Reference.ReferenceRepresentations.Groups.Representation, OpenData.Data.Reference.ReferenceRepresentations.Legislatures.Representation,
        OpenData.Data.Stats.StatsRepresentations.MinistryStats, OpenData.Data.Stats.StatsRepresentations.Period,
        OpenData.Data.Changes.ChangeRepresentations.Change, OpenData.Data.Twins.TwinRepresentations.TwinGroup,
        OpenData.Data.Datasets.DatasetRepresentations.Dataset,
    ];

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        foreach (var representation in All) Add(document, representation, replace: true);
        var missing = All.SelectMany(r => r.Fields).Select(f => f.ItemType).Where(t => !RepresentationTypes.IsScalar(t) && document.Components?.Schemas?.ContainsKey(t) != true).ToList();
        if (missing.Count > 0) throw new InvalidOperationException($"representations refer to schemas the document lacks: {string.Join(", ", missing)}");
    }

    // A representation's schema, and those of the objects it holds that the document lacks (an object several
    // representations hold, such as CodeLabel or SelfLink, is added once).
    private static void Add(OpenApiDocument document, Representation representation, bool replace)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!replace && document.Components.Schemas.ContainsKey(representation.Name)) return;
        document.Components.Schemas[representation.Name] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = representation.Description,
            Properties = representation.Fields.ToDictionary(f => f.Name, f => Property(document, f), StringComparer.Ordinal),
            Required = new SortedSet<string>(representation.Fields.Where(f => !f.IsOptional).Select(f => f.Name), StringComparer.Ordinal),
            AdditionalPropertiesAllowed = false,
        };
        foreach (var field in representation.Fields)
            if (field.Object is { } held) Add(document, held, replace: false);
    }

    private static IOpenApiSchema Property(OpenApiDocument document, RepresentationField field)
    {
        var nullable = field.IsNullable ? JsonSchemaType.Null : 0;
        if (field.IsList) return new OpenApiSchema { Type = JsonSchemaType.Array | nullable, Items = Item(document, field.ItemType), Description = field.Description };
        if (field.IsMap) return new OpenApiSchema { Type = JsonSchemaType.Object | nullable, AdditionalProperties = Item(document, field.ItemType), Description = field.Description };
        if (RepresentationTypes.IsScalar(field.ItemType))
        {
            var scalar = Scalar(field.ItemType);
            scalar.Type |= nullable;
            scalar.Description = field.Description;
            return scalar;
        }
        // Another schema: allOf it, so that the property keeps its own description.
        return new OpenApiSchema { Type = JsonSchemaType.Object | nullable, AllOf = [new OpenApiSchemaReference(field.ItemType, document)], Description = field.Description };
    }

    private static IOpenApiSchema Item(OpenApiDocument document, string type) =>
        RepresentationTypes.IsScalar(type) ? Scalar(type) : new OpenApiSchemaReference(type, document);

    private static OpenApiSchema Scalar(string type) => type switch
    {
        "Int" => new() { Type = JsonSchemaType.Integer, Format = "int32" },
        "Long" => new() { Type = JsonSchemaType.Integer, Format = "int64" },
        "Float" => new() { Type = JsonSchemaType.Number, Format = "double" },
        "Boolean" => new() { Type = JsonSchemaType.Boolean },
        "Date" => new() { Type = JsonSchemaType.String, Format = "date" },
        "DateTime" => new() { Type = JsonSchemaType.String, Format = "date-time" },
        "ID" or "String" => new() { Type = JsonSchemaType.String },
        _ => throw new ArgumentException($"not a scalar of representations: {type}", nameof(type)),
    };
}
