using Microsoft.AspNetCore.Http.Extensions;
using OpenData.Api.Rest;
using OpenData.Data.Changes;

namespace OpenData.Api.Features.Changes;

/// <summary>GET /v1/changes: what each import added, changed and removed, resumable from any cursor.</summary>
public static class ChangesApi
{
    public static readonly ApiParameter Since = new("since", ParameterKind.Cursor,
        "Where to resume: meta.nextCursor of the previous page (or of the last poll). Without it, the feed starts at its beginning.") { Example = null };
    public static readonly ApiParameter Types = ApiParameter.Choice("types",
        "Only these kinds of resource (repeatable or comma-separated): question, answer, senator, ministry.", ChangeQueries.Types, repeatable: true);

    private static readonly IReadOnlyList<ApiParameter> Parameters = [Since, Types, ApiParameter.PageLimit];

    public static void MapChangesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/changes", ListAsync)
            .WithName("ListChanges").WithTags("Changes")
            .WithSummary("What changed: the change feed")
            .WithDescription("Every addition, change (with the fields that changed) and removal of a question, answer, senator or ministry, " +
                "in the order the imports recorded them. Keep meta.nextCursor and pass it as since to get what changed after: a poll with " +
                "nothing new returns the same cursor. Entries appear when their import is served; removals are tombstones.")
            .WithParameters(Parameters)
            .Produces<ChangeFeedResponse>(StatusCodes.Status200OK, "application/json")
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status406NotAcceptable).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> ListAsync(HttpContext http, ChangeQueries changes, CancellationToken ct)
    {
        var binder = new QueryBinder(http.Request.Query, Parameters);
        var since = binder.Text(Since);
        if (since is not null && !ChangeQueries.BySeq.Accepts(since)) binder.Fail(Since.Name, "not a cursor of the change feed: take it from meta.nextCursor");
        var types = binder.Choices(Types);
        Negotiation.Negotiate(http.Request, null, exportable: false);
        var limit = ListResults.Limit(binder, ResponseFormat.Json, exportable: false)!.Value;
        binder.ThrowIfInvalid();

        var page = await changes.JsonPageAsync(since, types, limit, ct);
        if (page.HasMore) http.Response.Headers.Link = $"<{NextUrl(http.Request, page.NextCursor)}>; rel=\"next\"";
        return TypedResults.Ok(new ChangeFeed(page.Items, new ChangeFeedMeta(limit, page.NextCursor, page.HasMore)));
    }

    private static string NextUrl(HttpRequest request, string cursor)
    {
        var query = request.Query.Where(q => q.Key != Since.Name)
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new(Since.Name, cursor));
        return UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, QueryString.Create(query));
    }
}

/// <summary>A page of the change feed.</summary>
/// <param name="Data">The entries, oldest first.</param>
/// <param name="Meta">The cursor to resume after them.</param>
public sealed record ChangeFeedResponse(IReadOnlyList<ChangeResponse> Data, ChangeFeedMeta Meta);

/// <summary>Where the page ends.</summary>
/// <param name="Limit">Entries per page.</param>
/// <param name="NextCursor">Pass it as since for what follows: never null (the same cursor again when nothing followed).</param>
/// <param name="HasMore">Whether more entries follow now (then also in the Link header).</param>
public sealed record ChangeFeedMeta(int Limit, string NextCursor, bool HasMore);

/// <summary>The schema of <c>ChangeRepresentations.Change</c> (made from it by Rest.RepresentationSchemas).</summary>
public sealed class ChangeResponse;

/// <summary>A page of the change feed as written: its entries' JSON, as read; documented as <see cref="ChangeFeedResponse"/>.</summary>
internal sealed record ChangeFeed(IReadOnlyList<OpenData.Data.Representations.JsonRow> Data, ChangeFeedMeta Meta);
