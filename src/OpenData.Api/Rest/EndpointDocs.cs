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
        builder.Produces<ListResponse<T>>(StatusCodes.Status200OK, "application/json");
        if (exportable) builder.Produces<string>(StatusCodes.Status200OK, Negotiation.CsvType, Negotiation.NdjsonType);
        return builder.ProducesProblems(notFound);
    }

    public static RouteHandlerBuilder ProducesResource<T>(this RouteHandlerBuilder builder) =>
        builder.Produces<T>(StatusCodes.Status200OK, "application/json").ProducesProblems(notFound: true);

    private static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, bool notFound)
    {
        builder.ProducesValidationProblem(StatusCodes.Status400BadRequest);
        if (notFound) builder.ProducesProblem(StatusCodes.Status404NotFound);
        return builder.ProducesProblem(StatusCodes.Status406NotAcceptable).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }
}
