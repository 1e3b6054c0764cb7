using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using OpenData.Api.Rest;
using OpenData.Data.Paging;

namespace OpenData.Api.Infrastructure;

/// <summary>
/// Every error is an RFC 9457 problem+json body; nothing leaks a stack trace. The database being down or
/// too slow is the server's problem, reported as 503 with Retry-After so clients back off and retry.
/// </summary>
public static class ApiProblems
{
    /// <summary>The type of a 429 problem: RFC 6585, section 4.</summary>
    public const string TooManyRequestsType = "https://www.rfc-editor.org/rfc/rfc6585#section-4";

    public const int RetryAfterSeconds = 5;

    public static void AddApiProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            // ASP.NET Core's defaults give a type to most statuses, not to 429 (RFC 6585).
            if (context.ProblemDetails.Status == StatusCodes.Status429TooManyRequests) context.ProblemDetails.Type ??= TooManyRequestsType;
            context.ProblemDetails.Extensions.Remove("traceId");
            context.ProblemDetails.Extensions["requestId"] = context.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<ClientErrorHandler>();
        services.AddExceptionHandler<DatabaseUnavailableHandler>();
    }

    public static void UseApiProblems(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
    }

    /// <summary>
    /// The one way a problem is answered outside the exception handler (middleware, an endpoint that must keep its own
    /// headers): its status, Retry-After when given, never cached, written as every other problem is.
    /// </summary>
    public static Task WriteProblemAsync(this HttpContext context, int status, string title, string detail, int? retryAfterSeconds = null)
    {
        context.Response.StatusCode = status;
        if (retryAfterSeconds is { } retry) context.Response.Headers.RetryAfter = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";
        return context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(context, new ProblemDetails { Status = status, Title = title, Detail = detail });
    }

    /// <summary>
    /// Writes a problem the middleware answers with itself: as problem+json even when the client's Accept excludes it
    /// (a 406 must still say why), when the problem details service declines to write it.
    /// </summary>
    public static async Task WriteAsync(this IProblemDetailsService problems, HttpContext context, ProblemDetails details)
    {
        // Set here too: the fallback skips CustomizeProblemDetails.
        details.Instance ??= context.Request.Path;
        if (details.Status == StatusCodes.Status429TooManyRequests) details.Type ??= TooManyRequestsType;
        details.Extensions["requestId"] = context.TraceIdentifier;
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details }))
            await TypedResults.Problem(details).ExecuteAsync(context);
    }

    /// <summary>Turns what a client got wrong into its problem: 400 with errors per parameter, 404, 406.</summary>
    private sealed class ClientErrorHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            var problem = exception switch
            {
                ApiProblemException p => p,
                InvalidCursorException => ApiProblemException.BadParameter("cursor", "not a cursor of this list and sort: take it from meta.nextCursor or the Link header"),
                BadHttpRequestException bad => new ApiProblemException(bad.StatusCode, "Bad request", bad.Message),
                _ => null,
            };
            if (problem is null) return false;
            context.Response.StatusCode = problem.Status;
            if (problem.RetryAfterSeconds is { } retry)
                context.Response.Headers.RetryAfter = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await problems.WriteAsync(context, problem.Errors is { } errors
                ? new HttpValidationProblemDetails(errors) { Title = problem.Title, Detail = problem.Message, Status = problem.Status }
                : new ProblemDetails { Title = problem.Title, Detail = problem.Message, Status = problem.Status });
            return true;
        }
    }

    /// <summary>
    /// The database unreachable, overloaded, shutting down or cancelling a statement that ran too long:
    /// temporary, so 503. Any other SQL error is a bug on our side and stays a 500.
    /// </summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState.StartsWith("53", StringComparison.Ordinal)
            || p.SqlState.StartsWith("57", StringComparison.Ordinal),
        NpgsqlException or TimeoutException or OpenData.Data.Reading.DatasetChangedException => true,
        _ => exception.InnerException is { } inner && IsUnavailable(inner),
    };

    private sealed class DatabaseUnavailableHandler(ILogger<DatabaseUnavailableHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            if (!IsUnavailable(exception)) return false;
            logger.LogWarning(exception, "Database unavailable for {Path}", context.Request.Path);
            await context.WriteProblemAsync(StatusCodes.Status503ServiceUnavailable, "Service temporarily unavailable",
                "The database cannot be reached or did not answer in time. Retry after a few seconds.", RetryAfterSeconds);
            return true;
        }
    }
}
