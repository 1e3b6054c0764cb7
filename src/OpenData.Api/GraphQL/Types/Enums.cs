using GraphQL.Types;
using OpenData.Data.Answers;
using OpenData.Data.Paging;
using OpenData.Data.Questions;
using OpenData.Data.Stats;

namespace OpenData.Api.GraphQL.Types;

/// <summary>The status of a question; values are the REST API's, in GraphQL's constant case.</summary>
public sealed class QuestionStatusEnum : EnumerationGraphType
{
    public QuestionStatusEnum()
    {
        Name = "QuestionStatus";
        Description = "Where a question stands.";
        foreach (var status in QuestionKinds.Statuses) Add(status.Value.ToUpperInvariant(), status.Value, $"{status.Description.TrimEnd('.')} (REST: {status.Value}).");
    }
}

/// <summary>The kinds of question.</summary>
public sealed class QuestionNatureEnum : EnumerationGraphType
{
    public QuestionNatureEnum()
    {
        Name = "QuestionNature";
        Description = "Kind of question, by the Senate's code.";
        foreach (var nature in QuestionKinds.Natures) Add(nature.Value, nature.Value, nature.Description);
    }
}

/// <summary>Orders of question lists: REST's sort values (QuestionQueries.Sorts) in GraphQL's spelling.</summary>
public sealed class QuestionOrderEnum : EnumerationGraphType
{
    public QuestionOrderEnum()
    {
        Name = "QuestionOrder";
        Description = "Order of a question list; every order is stable (ties broken by id).";
        this.AddSorts(QuestionQueries.Sorts);
    }
}

/// <summary>Orders of answer lists: REST's sort values (AnswerQueries.Sorts) in GraphQL's spelling.</summary>
public sealed class AnswerOrderEnum : EnumerationGraphType
{
    public AnswerOrderEnum()
    {
        Name = "AnswerOrder";
        Description = "Order of an answer list; every order is stable (ties broken by question id).";
        this.AddSorts(AnswerQueries.Sorts);
    }
}

internal static class SortEnums
{
    /// <summary>Each order of a table under its REST name in GraphQL's spelling: -publishedAt is PUBLISHED_AT_DESC.</summary>
    public static void AddSorts<TSort>(this EnumerationGraphType type, IReadOnlyList<SortOption<TSort>> sorts) where TSort : struct, Enum
    {
        foreach (var sort in sorts) type.Add(GraphQLName(sort.Name), sort.Sort, $"{sort.Description.TrimEnd('.')} (REST: {sort.Name}).");
    }

    public static string GraphQLName(string restName)
    {
        var descending = restName.StartsWith('-');
        var words = System.Text.RegularExpressions.Regex.Replace(restName.TrimStart('-'), "(?<=[a-z0-9])([A-Z])", "_$1").ToUpperInvariant();
        return descending ? words + "_DESC" : words;
    }
}

/// <summary>Periods of a timeline.</summary>
public sealed class TimelineIntervalEnum : EnumerationGraphType
{
    public TimelineIntervalEnum()
    {
        Name = "TimelineInterval";
        Description = "Length of the periods of a timeline.";
        Add("MONTH", StatsInterval.Month, "Calendar months (period \"2024-06\").");
        Add("YEAR", StatsInterval.Year, "Calendar years (period \"2024\").");
    }
}
