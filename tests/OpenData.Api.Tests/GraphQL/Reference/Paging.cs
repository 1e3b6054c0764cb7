using Microsoft.Extensions.DependencyInjection;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using OpenData.Api.GraphQL.Types;
using OpenData.Data.Paging;

namespace OpenData.Api.Tests.GraphQL.Reference;

/// <summary>The Relay arguments every list takes, and how a page of the query layer becomes a connection.</summary>
public static class Paging
{
    public const int DefaultFirst = 20;
    public const int MaxFirst = 100;

    /// <summary>Adds <c>first</c> and <c>after</c> to a connection field.</summary>
    public static FieldBuilder<TSource, object> WithPaging<TSource>(this FieldBuilder<TSource, object> field) => field
        .Argument<IntGraphType>("first", $"How many rows, 0 to {MaxFirst} (default {DefaultFirst}).", a => a.DefaultValue = DefaultFirst)
        .Argument<CheckedStringGraphType>("after", "Opaque cursor: the rows after it (pageInfo.endCursor or an edge's cursor of the same list and order).");

    public static int First(IResolveFieldContext context) => context.GetArgument("first", DefaultFirst);

    public static string? After(IResolveFieldContext context) => context.GetArgument<string?>("after");

    /// <summary>Runs a page query; a cursor of another list or order is the caller's error, not ours.</summary>
    public static async Task<Connection<T>> PageAsync<T>(Func<Task<Page<T>>> query)
    {
        Page<T> page;
        try
        {
            page = await query();
        }
        catch (InvalidCursorException)
        {
            throw BadInput("after is not a cursor of this list and order: take it from pageInfo.endCursor or an edge's cursor", "INVALID_CURSOR");
        }
        var edges = page.Items.Select((item, i) => new Edge<T>(page.Cursors[i], item)).ToList();
        return new Connection<T>(edges, page.Total, new PageInfo(page.NextCursor is not null, page.NextCursor));
    }

    /// <summary>A first of 0 still counts the matching rows, without reading any.</summary>
    public static async Task<Connection<T>> EmptyPageAsync<T>(Func<Task<long>> count) =>
        new([], await count(), new PageInfo(false, null));

    public static ExecutionError BadInput(string message, string code = "BAD_USER_INPUT") => new(message) { Code = code };
}
