using Dapper;
using OpenData.Data.Answers;
using OpenData.Data.Datasets;
using OpenData.Data.Ministries;
using OpenData.Data.Paging;
using OpenData.Data.Questions;
using OpenData.Data.Reading;
using OpenData.Data.Senators;
using OpenData.Data.Stats;

namespace OpenData.Data.Graph;

/// <summary>
/// Reads GraphQL root fields: each is compiled into one statement building its JSON (see <see cref="GraphCompiler"/>),
/// and every root field of a request goes in one batch: one round trip, one dataset.
/// </summary>
public sealed class GraphReader(TotalsCache totals)
{
    /// <summary>
    /// Adds the statement of one root field; its value is the field's JSON in UTF-8 (compact; <c>null</c> for none), as
    /// PostgreSQL sent it: never decoded into a .NET string and encoded again. The batch's work
    /// records what it costs (the dataset's longest lists, <paramref name="bounds"/>, multiply the work of a plain list).
    /// </summary>
    public Deferred<ArraySegment<byte>> Root(ReadBatch batch, FieldRead field, ListBounds bounds)
    {
        var c = new GraphCompiler(batch, totals, bounds);
        var json = field.Field switch
        {
            FieldRead.TypeName => c.Value($"to_json({JsonSql.Literal((string)field.Arguments!)}::text)"),
            FieldRead.Null => c.Value("NULL::json"),
            "question" => QuestionGraph.ById(c, c.Bind(((IdArgument<string>)field.Arguments!).Id), field),
            "questions" => Lists.Questions(c, field, (ListArguments<QuestionFilter, QuestionSort>)field.Arguments!),
            "answers" => Lists.Answers(c, field, (ListArguments<AnswerFilter, AnswerSort>)field.Arguments!),
            "senator" => SenatorGraph.ById(c, c.Bind(((IdArgument<string>)field.Arguments!).Id), field),
            "senators" => Lists.Senators(c, field, (ListArguments<SenatorFilter, NoSort>)field.Arguments!),
            "ministry" => MinistryGraph.ById(c, c.Bind(((IdArgument<long>)field.Arguments!).Id), field),
            "ministries" => Lists.Ministries(c, field, (ListArguments<MinistryFilter, NoSort>)field.Arguments!),
            "themes" => ReferenceGraph.Themes(c, field),
            "groups" => ReferenceGraph.Groups(c, field),
            "legislatures" => ReferenceGraph.Legislatures(c, field),
            "ministryStats" => StatsGraph.MinistryStats(c, field, (StatsFilter)field.Arguments!),
            "timeline" => StatsGraph.Timeline(c, field, (TimelineArguments)field.Arguments!),
            "node" => Node(c, field),
            // One object per id, in order (at most Paging's maximum, below json_build_array's 100 arguments).
            "nodes" => $"json_build_array({string.Join(", ", field.Selection.Select(n => JsonSql.ToJson(Node(c, n))))})",
            "dataset" => DatasetGraph.Current(c, field),
            "changes" => ChangeGraph.Feed(c, field, (ChangesArguments)field.Arguments!),
            "twins" => Lists.Twins(c, field, (ListArguments<OpenData.Data.Twins.TwinFilter, NoSort>)field.Arguments!),
            _ => throw new InvalidOperationException($"no SQL for the root field {field.Field}"),
        };
        if (c.RootTotal is not { } total)
            return batch.Add($"SELECT {JsonSql.ToJson(json)}::text", async grid => Compact((await grid.ReadUtf8Async(withCount: false)).Bytes));
        // A list's total is counted once (a materialized CTE), returned beside the JSON to be remembered.
        return batch.Add($"WITH {GraphCompiler.RootTotalName} AS MATERIALIZED (SELECT {total.Sql} AS n) SELECT {JsonSql.ToJson(json)}::text, (SELECT n FROM {GraphCompiler.RootTotalName})",
            async grid =>
            {
                var (bytes, count) = await grid.ReadUtf8Async(withCount: true);
                total.Read(count, batch);
                return Compact(bytes);
            });
    }

    /// <summary>The object a global id names, or null (an id of no type: its field is <see cref="FieldRead.Null"/>).</summary>
    private static string Node(GraphCompiler c, FieldRead field) => field.Arguments switch
    {
        NodeArgument { Type: "Question", Id: var id } => QuestionGraph.ById(c, c.Bind(id), field),
        NodeArgument { Type: "Senator", Id: var id } => SenatorGraph.ById(c, c.Bind(id), field),
        NodeArgument { Type: "Ministry", Id: var id } when long.TryParse(id, out var ministry) => MinistryGraph.ById(c, c.Bind(ministry), field),
        _ => "NULL::json",
    };

    private static ArraySegment<byte> Compact(byte[]? json) => json is null ? new("null"u8.ToArray()) : new(json, 0, CompactJson.Of(json.AsSpan()));
}
