using Microsoft.AspNetCore.Http.HttpResults;

namespace OpenData.Api.Rest;

/// <summary>The query parameters an endpoint accepts, as endpoint metadata: read by the OpenAPI filter.</summary>
public sealed record ParameterMetadata(IReadOnlyList<ApiParameter> Parameters);

/// <summary>A path parameter's description and the example Swagger UI's try-out sends (an id that every dataset holds).</summary>
public sealed record PathParameterMetadata(string Name, string Description, string Example, bool Integer = false);

/// <summary>The request body Swagger UI's try-out sends.</summary>
public sealed record RequestExample(System.Text.Json.Nodes.JsonNode Example);

public static class EndpointDocs
{
    public static RouteHandlerBuilder WithParameters(this RouteHandlerBuilder builder, IReadOnlyList<ApiParameter> parameters) =>
        builder.WithMetadata(new ParameterMetadata(parameters));

    public static RouteHandlerBuilder WithPathParameter(this RouteHandlerBuilder builder, string name, string description, string example, bool integer = false) =>
        builder.WithMetadata(new PathParameterMetadata(name, description, example, integer));

    // The ids of the real question every dataset holds, generated or imported: documented examples that work everywhere.
    public static RouteHandlerBuilder WithQuestionId(this RouteHandlerBuilder builder) =>
        builder.WithPathParameter("id", "The question's reference, e.g. SEQ240611950.", "SEQ240611950");

    public static RouteHandlerBuilder WithSenatorId(this RouteHandlerBuilder builder) =>
        builder.WithPathParameter("id", "The senator's matricule, e.g. 08037L.", "08037L");

    public static RouteHandlerBuilder WithMinistryId(this RouteHandlerBuilder builder) =>
        builder.WithPathParameter("id", "The Senate's ministry id (minid), an integer, e.g. 900.", "900", integer: true);

    /// <summary>A list: JSON envelope, CSV and NDJSON exports, and the problems a client can cause.</summary>
    public static RouteHandlerBuilder ProducesList<T>(this RouteHandlerBuilder builder, bool notFound = false, bool exportable = true)
    {
        // One 200 response: the JSON envelope, and the exports (their schemas are set by ParameterDocumentation).
        if (exportable) builder.Produces<ListResponse<T>>(StatusCodes.Status200OK, "application/json", Negotiation.CsvType, Negotiation.NdjsonType);
        else builder.Produces<ListResponse<T>>(StatusCodes.Status200OK, "application/json");
        return builder.ProducesProblems(notFound);
    }

    public static RouteHandlerBuilder ProducesResource<T>(this RouteHandlerBuilder builder, bool notFound = true) =>
        builder.Produces<T>(StatusCodes.Status200OK, "application/json").ProducesProblems(notFound);

    private static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, bool notFound)
    {
        builder.ProducesValidationProblem(StatusCodes.Status400BadRequest);
        if (notFound) builder.ProducesProblem(StatusCodes.Status404NotFound);
        return builder.ProducesProblem(StatusCodes.Status406NotAcceptable).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }
}
