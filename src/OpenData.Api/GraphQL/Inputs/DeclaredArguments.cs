using GraphQL.Builders;
using GraphQL.Types;
using OpenData.Api.GraphQL.Types;
using OpenData.Data.Answers;
using OpenData.Data.Graph;
using OpenData.Data.Stats;

namespace OpenData.Api.GraphQL.Inputs;

/// <summary>
/// The arguments of each kind of declared field (<see cref="GraphArguments"/>), as the schema shows them; the query
/// planner reads them by the same kind (<see cref="Execution.QueryPlanner"/>).
/// </summary>
public static class DeclaredArguments
{
    public static FieldBuilder<TSource, object> AddTo<TSource>(FieldBuilder<TSource, object> field, GraphField declared) => declared.Arguments switch
    {
        GraphArguments.None => field,
        GraphArguments.Page => field.WithPaging(),
        GraphArguments.Questions => QuestionArguments.AddTo(field),
        GraphArguments.Id => field.Argument<NonNullGraphType<CheckedIdGraphType>>("id", declared.IdDescription),
        GraphArguments.Answers => field
            .Argument<AnswerFilterInput>("filter", Filters)
            .Argument<AnswerOrderEnum>("orderBy", "Order (default PUBLISHED_AT_DESC, newest first).", a => a.DefaultValue = AnswerSort.PublishedDesc)
            .WithPaging(),
        GraphArguments.Senators => field.Argument<SenatorFilterInput>("filter", Filters).WithPaging(),
        GraphArguments.Ministries => field.Argument<MinistryFilterInput>("filter", Filters).WithPaging(),
        GraphArguments.MinistryStats => field.Argument<MinistryStatsFilterInput>("filter", Filters),
        GraphArguments.Timeline => field
            .Argument<QuestionFilterInput>("filter", "Question filters, combined with AND.")
            .Argument<TimelineIntervalEnum>("interval", "Period length (default MONTH).", a => a.DefaultValue = StatsInterval.Month),
        GraphArguments.Twins => field.Argument<TwinFilterInput>("filter", Filters).WithPaging(),
        GraphArguments.Node => field.Argument<NonNullGraphType<CheckedIdGraphType>>("id", "A global id: a question's (SEQ240611950), a senator's (08037L) or a ministry's (1019)."),
        GraphArguments.Nodes => field.Argument<NonNullGraphType<ListGraphType<NonNullGraphType<CheckedIdGraphType>>>>("ids", "Global ids (see node)."),
        GraphArguments.Changes => field
            .Argument<CheckedStringGraphType>("after", "A cursor of the feed (nextCursor, pageInfo.endCursor or an edge's cursor): the entries after it; without it, the feed's beginning.")
            .Argument<CheckedStringGraphType>("since", "The former name of after.", a => a.DeprecationReason = "Use after, as every list does.")
            .Argument<ListGraphType<NonNullGraphType<ChangeResourceEnum>>>("types", "Only these kinds of resource (all when absent).")
            .Argument<IntGraphType>("first", $"How many entries, 0 to {Paging.MaxFirst} (default {Paging.DefaultFirst}).", a => a.DefaultValue = Paging.DefaultFirst),
        _ => throw new InvalidOperationException($"no arguments are declared for the kind {declared.Arguments} of {declared.Name}"),
    };

    private const string Filters = "Filters, combined with AND.";
}
