using OpenData.Data.Reading;

namespace OpenData.Api.Infrastructure;

/// <summary>
/// A request whose commands read two datasets (an import landed between them) is read again from the start, once:
/// its answer then comes from one dataset. Nothing has been written by then: handlers read, then answer. A second
/// change in a row is a 503 with Retry-After (<see cref="ApiProblems.IsUnavailable"/>).
/// </summary>
public static class DatasetRetry
{
    public static void UseDatasetRetry(this WebApplication app) =>
        app.Use(async (context, next) =>
        {
            // A GraphQL body (at most Limits:MaxRequestBodyBytes) is read again by the second attempt.
            if (HttpMethods.IsPost(context.Request.Method)) context.Request.EnableBuffering();
            try
            {
                await next(context);
            }
            catch (DatasetChangedException) when (!context.Response.HasStarted)
            {
                if (context.Request.Body.CanSeek) context.Request.Body.Position = 0;
                // A new scope: a new session, and no value remembered by a loader of the first attempt.
                var first = context.RequestServices;
                await using var scope = first.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
                context.RequestServices = scope.ServiceProvider;
                try
                {
                    await next(context);
                }
                finally
                {
                    context.RequestServices = first;
                }
            }
        });
}
