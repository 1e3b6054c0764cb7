using Microsoft.AspNetCore.Http.HttpResults;

namespace OpenData.Api.Rest;

/// <summary>The query parameters an endpoint accepts, as endpoint metadata: read by the OpenAPI filter.</summary>
public sealed record ParameterMetadata(IReadOnlyList<ApiParameter> Parameters);

public static class EndpointDocs
{
    public static RouteHandlerBuilder WithParameters(this RouteHandlerBuilder builder, IReadOnlyList<ApiParameter> parameters) =>
        builder.WithMetadata(new ParameterMetadata(parameters));

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
