using Microsoft.Extensions.DependencyInjection;
using GraphQL;
using GraphQL.Builders;
using GraphQLParser.AST;
using OpenData.Api.GraphQL.Types;
using OpenData.Api.GraphQL.Inputs;
using OpenData.Data.Paging;
using OpenData.Data.Questions;

namespace OpenData.Api.Tests.GraphQL.Reference;

/// <summary>The arguments of every question list (root, Senator.questions, Ministry.questions) and their one resolver.</summary>
public static class QuestionArguments
{
    public static FieldBuilder<TSource, object> AddTo<TSource>(FieldBuilder<TSource, object> field) => field
        .Argument<QuestionFilterInput>("filter", "Filters, combined with AND.")
        .Argument<QuestionOrderEnum>("orderBy", "Order (default PUBLISHED_AT_DESC, newest first).", a => a.DefaultValue = QuestionSort.PublishedDesc)
        .WithPaging();


    /// <summary>One page of questions; <paramref name="fix"/> pins what a nested field implies (the senator, the ministry).</summary>
    public static Task<Connection<QuestionRow>> PageAsync(IResolveFieldContext context, Func<QuestionFilter, QuestionFilter>? fix = null)
    {
        var filter = context.GetArgument<QuestionFilter?>("filter") ?? new QuestionFilter();
        if (fix is not null) filter = fix(filter);
        var sort = context.GetArgument("orderBy", QuestionSort.PublishedDesc);
        if (sort == QuestionSort.Relevance && string.IsNullOrWhiteSpace(filter.Q)) throw Paging.BadInput("orderBy RELEVANCE needs a full-text query filter.q");
        if (filter.Lineage && filter.Ministry is null) throw Paging.BadInput("filter.lineage needs filter.ministry");

        var queries = context.RequestServices!.GetRequiredService<QuestionQueries>();
        var first = Paging.First(context);
        // first: 0 reads the total alone: a page's total (the API's own count, with one row).
        if (first == 0) return Paging.EmptyPageAsync<QuestionRow>(async () => (await queries.PageAsync(filter, sort, null, 1, false, context.CancellationToken)).Total);
        return Paging.PageAsync(
            () => queries.PageAsync(filter, sort, Paging.After(context), first, Selects(context.FieldAst.SelectionSet, context.Document, "highlight"), context.CancellationToken));
    }

    /// <summary>
    /// Whether a field of that name is asked for anywhere under a selection, fragments included: the page
    /// makes highlights only for queries that read them.
    /// </summary>
    private static bool Selects(GraphQLSelectionSet? selections, GraphQLDocument document, string name) =>
        selections is not null && selections.Selections.Any(selection => selection switch
        {
            GraphQLField field => field.Name.StringValue == name || Selects(field.SelectionSet, document, name),
            GraphQLInlineFragment inline => Selects(inline.SelectionSet, document, name),
            GraphQLFragmentSpread spread => Selects(document.Definitions.OfType<GraphQLFragmentDefinition>()
                .FirstOrDefault(f => f.FragmentName.Name == spread.FragmentName.Name)?.SelectionSet, document, name),
            _ => false,
        });
}
