using GraphQL;
using GraphQL.Types;
using OpenData.Api.GraphQL.Inputs;
using OpenData.Data.Answers;
using OpenData.Data.Datasets;
using OpenData.Data.Ministries;
using OpenData.Data.Paging;
using OpenData.Data.Questions;
using OpenData.Data.Reference;
using OpenData.Data.Senators;
using OpenData.Data.Stats;

namespace OpenData.Api.GraphQL.Types;

/// <summary>The root fields: one per REST resource and list, over the same query layer.</summary>
public sealed class QueryType : ObjectGraphType
{
    public QueryType()
    {
        Name = "Query";
        Description = "The French Senate's questions to the government, their answers, the senators who asked them and the ministries they were addressed to.";

        Field<QuestionType>("question").Description("One question by id, or null.")
            .Argument<NonNullGraphType<CheckedIdGraphType>>("id", "The Senate's reference, e.g. SEQ240611950.");
        QuestionArguments.AddTo(Field<NonNullGraphType<QuestionConnectionType>>("questions")
                .Description("Search and list questions (REST: /v1/questions)."));

        Field<NonNullGraphType<AnswerConnectionType>>("answers").Description("Search and list answers (REST: /v1/answers).")
            .Argument<AnswerFilterInput>("filter", "Filters, combined with AND.")
            .Argument<AnswerOrderEnum>("orderBy", "Order (default PUBLISHED_AT_DESC, newest first).", a => a.DefaultValue = AnswerSort.PublishedDesc)
            .WithPaging();

        Field<SenatorType>("senator").Description("One senator by matricule, or null.")
            .Argument<NonNullGraphType<CheckedIdGraphType>>("id", "The Senate's matricule, e.g. 08037L.");
        Field<NonNullGraphType<SenatorConnectionType>>("senators").Description("List senators by name (REST: /v1/senators).")
            .Argument<SenatorFilterInput>("filter", "Filters, combined with AND.")
            .WithPaging();

        Field<MinistryType>("ministry").Description("One ministry by id (minid), or null.")
            .Argument<NonNullGraphType<CheckedIdGraphType>>("id", "The Senate's ministry id (digits, e.g. 1019).");
        Field<NonNullGraphType<MinistryConnectionType>>("ministries").Description("List ministries, latest first (REST: /v1/ministries).")
            .Argument<MinistryFilterInput>("filter", "Filters, combined with AND.")
            .WithPaging();

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ThemeType>>>>("themes").Description("Every theme, in the Senate's order.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PoliticalGroupType>>>>("groups").Description("Every political group met in the dataset, by code.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LegislatureType>>>>("legislatures").Description("Every legislature, latest first.");

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MinistryStatsType>>>>("ministryStats")
            .Description("Per ministry handling the questions, how they were answered; most questions first (REST: /v1/stats/ministries).")
            .Argument<MinistryStatsFilterInput>("filter", "Filters, combined with AND.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TimelineBucketType>>>>("timeline")
            .Description("Questions published and answered per period, empty periods included (REST: /v1/stats/timeline).")
            .Argument<QuestionFilterInput>("filter", "Question filters, combined with AND.")
            .Argument<TimelineIntervalEnum>("interval", "Period length (default MONTH).", a => a.DefaultValue = StatsInterval.Month);

        TwinFilterInput.AddTo<TwinGroupConnectionType>(this);

        NodeInterface.AddTo<NodeInterface>(this);
        Field<DatasetType>("dataset").Description("The dataset being served (REST: /v1/dataset); null before the first import.");
        AddChanges<ChangeFeedType>(this);
    }

    /// <summary>The change feed's root field (REST: /v1/changes), of the feed type <typeparamref name="TFeed"/>; the test's reference executor declares it the same way, with a feed type of its own.</summary>
    public static FieldType AddChanges<TFeed>(ObjectGraphType query) where TFeed : IGraphType =>
        query.Field<NonNullGraphType<TFeed>>("changes")
            .Description("What the imports added, changed and removed, oldest first, resumable from any cursor (REST: /v1/changes).")
            .Argument<CheckedStringGraphType>("after", "A cursor of the feed (nextCursor, pageInfo.endCursor or an edge's cursor): the entries after it; without it, the feed's beginning.")
            .Argument<CheckedStringGraphType>("since", "The former name of after.", a => a.DeprecationReason = "Use after, as every list does.")
            .Argument<ListGraphType<NonNullGraphType<ChangeResourceEnum>>>("types", "Only these kinds of resource (all when absent).")
            .Argument<IntGraphType>("first", $"How many entries, 0 to {Paging.MaxFirst} (default {Paging.DefaultFirst}).", a => a.DefaultValue = Paging.DefaultFirst)
            .FieldType;
}
