using GraphQL.Types;
using OpenData.Api.Features.Answers;
using OpenData.Api.Features.Ministries;
using OpenData.Api.Features.Questions;
using OpenData.Api.Features.Senators;
using OpenData.Api.GraphQL.Types;
using OpenData.Api.Rest;
using OpenData.Data.Answers;
using OpenData.Data.Ministries;
using OpenData.Data.Questions;
using OpenData.Data.Senators;
using OpenData.Data.Stats;

namespace OpenData.Api.GraphQL.Inputs;

/// <summary>The question filters of REST's /v1/questions, as one input object.</summary>
public sealed class QuestionFilterInput : ParameterInput<QuestionFilter>
{
    public QuestionFilterInput()
    {
        Name = "QuestionFilter";
        Description = "Question filters, the same as REST's /v1/questions; every field is optional and they combine with AND.";
        Parameter<CheckedStringGraphType>(QuestionParameters.Q);
        Parameter<CheckedIdGraphType>(QuestionParameters.Senator);
        Parameter<CheckedIdGraphType>(QuestionParameters.Ministry);
        Parameter<BooleanGraphType>(QuestionParameters.Lineage);
        Parameter<CheckedIdGraphType>(QuestionParameters.HandledBy);
        Field<ListGraphType<NonNullGraphType<QuestionNatureEnum>>>("nature").Description("Kinds of question (any of).");
        Field<ListGraphType<NonNullGraphType<QuestionStatusEnum>>>("status").Description("Statuses (any of).");
        Parameter<IntGraphType>(QuestionParameters.Legislature);
        Parameter<IntGraphType>(QuestionParameters.Theme);
        Parameter<CheckedStringGraphType>(QuestionParameters.Group);
        Parameter<DateScalar>(QuestionParameters.PublishedFrom);
        Parameter<DateScalar>(QuestionParameters.PublishedTo);
        Parameter<DateScalar>(QuestionParameters.AnsweredFrom);
        Parameter<DateScalar>(QuestionParameters.AnsweredTo);
        Parameter<BooleanGraphType>(QuestionParameters.Overdue);
        Field<DateScalar>("updatedSince").Description("Only questions changed since this day, midnight UTC: their updatedAt is on or after it (REST takes a timestamp too). The changes field says what changed.");
    }

    public override object ParseDictionary(IDictionary<string, object?> f) => new QuestionFilter
    {
        Q = f.Get<string>("q"),
        Senator = f.Get<string>("senator"),
        Ministry = f.Get<int?>("ministry"),
        Lineage = f.Get<bool?>("lineage") ?? false,
        HandledBy = f.Get<int?>("handledBy"),
        Natures = f.Strings("nature"),
        Statuses = f.Strings("status"),
        Legislature = f.Get<int?>("legislature"),
        Theme = f.Get<int?>("theme"),
        Group = f.Get<string>("group"),
        PublishedFrom = f.Get<DateOnly?>("publishedFrom"),
        PublishedTo = f.Get<DateOnly?>("publishedTo"),
        AnsweredFrom = f.Get<DateOnly?>("answeredFrom"),
        AnsweredTo = f.Get<DateOnly?>("answeredTo"),
        Overdue = f.Get<bool?>("overdue"),
        UpdatedSince = f.Get<DateOnly?>("updatedSince") is { } since ? new DateTimeOffset(since.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
    };
}

/// <summary>The filters of REST's /v1/answers.</summary>
public sealed class AnswerFilterInput : ParameterInput<AnswerFilter>
{
    public AnswerFilterInput()
    {
        Name = "AnswerFilter";
        Description = "Answer filters, the same as REST's /v1/answers; every field is optional and they combine with AND.";
        Parameter<CheckedStringGraphType>(AnswerParameters.Q);
        Parameter<CheckedIdGraphType>(AnswerParameters.Ministry);
        Parameter<DateScalar>(AnswerParameters.PublishedFrom);
        Parameter<DateScalar>(AnswerParameters.PublishedTo);
    }

    public override object ParseDictionary(IDictionary<string, object?> f) => new AnswerFilter
    {
        Q = f.Get<string>("q"),
        Ministry = f.Get<int?>("ministry"),
        PublishedFrom = f.Get<DateOnly?>("publishedFrom"),
        PublishedTo = f.Get<DateOnly?>("publishedTo"),
    };
}

/// <summary>The filters of REST's /v1/senators.</summary>
public sealed class SenatorFilterInput : ParameterInput<SenatorFilter>
{
    public SenatorFilterInput()
    {
        Name = "SenatorFilter";
        Description = "Senator filters, the same as REST's /v1/senators; every field is optional and they combine with AND.";
        Parameter<CheckedStringGraphType>(SenatorParameters.Q);
        Parameter<BooleanGraphType>(SenatorParameters.Active);
        Parameter<CheckedStringGraphType>(SenatorParameters.Group);
        Parameter<CheckedStringGraphType>(SenatorParameters.Constituency);
    }

    public override object ParseDictionary(IDictionary<string, object?> f) => new SenatorFilter
    {
        Q = f.Get<string>("q"),
        Active = f.Get<bool?>("active"),
        Group = f.Get<string>("group"),
        Constituency = f.Get<string>("constituency"),
    };
}

/// <summary>The filters of REST's /v1/ministries.</summary>
public sealed class MinistryFilterInput : ParameterInput<MinistryFilter>
{
    public MinistryFilterInput()
    {
        Name = "MinistryFilter";
        Description = "Ministry filters, the same as REST's /v1/ministries; every field is optional and they combine with AND.";
        Parameter<CheckedStringGraphType>(MinistryParameters.Q);
        Parameter<BooleanGraphType>(MinistryParameters.Current);
    }

    public override object ParseDictionary(IDictionary<string, object?> f) => new MinistryFilter
    {
        Q = f.Get<string>("q"),
        Current = f.Get<bool?>("current"),
    };
}

/// <summary>The filters of REST's /v1/stats/ministries.</summary>
public sealed class MinistryStatsFilterInput : ParameterInput<StatsFilter>
{
    public MinistryStatsFilterInput()
    {
        Name = "MinistryStatsFilter";
        Description = "Filters of the per-ministry statistics, the same as REST's /v1/stats/ministries.";
        Field<IntGraphType>("legislature").Description("Questions of this legislature.");
        Field<DateScalar>("from").Description("Questions published on or after this date.");
        Field<DateScalar>("to").Description("Questions published on or before this date.");
        Field<BooleanGraphType>("current").Description("true: only the ministries in office; false: only past ones.");
        Field<ListGraphType<NonNullGraphType<QuestionNatureEnum>>>("nature").Description("Kinds of question counted; written questions (QE) only by default, since only they have the two-month deadline.");
    }

    public override object ParseDictionary(IDictionary<string, object?> f) => new StatsFilter
    {
        Legislature = f.Get<int?>("legislature"),
        From = f.Get<DateOnly?>("from"),
        To = f.Get<DateOnly?>("to"),
        Current = f.Get<bool?>("current"),
        Natures = f.Strings("nature") is { Count: > 0 } natures ? natures : StatsFilter.DefaultNatures,
    };
}

/// <summary>
/// An input object read into a filter record of the query layer, once, when GraphQL.NET parses the argument. Its
/// fields take their name and description from the REST parameter they mirror: one definition for both APIs.
/// </summary>
public abstract class ParameterInput<T> : InputObjectGraphType<T>
{
    protected void Parameter<TGraphType>(ApiParameter parameter) where TGraphType : IGraphType =>
        Field<TGraphType>(parameter.Name).Description(parameter.Description);
}

internal static class ParameterFields
{
    // An input object's values, as GraphQL.NET coerced them, read into the filter records (once, when the argument is parsed).
    public static T? Get<T>(this IDictionary<string, object?> values, string name) =>
        values.TryGetValue(name, out var value) && value is not null ? (T)Convert(value, typeof(T)) : default;

    public static IReadOnlyList<string> Strings(this IDictionary<string, object?> values, string name) =>
        values.TryGetValue(name, out var value) && value is System.Collections.IEnumerable list and not string
            ? list.Cast<object>().Select(v => v.ToString()!).ToList()
            : [];

    private static object Convert(object value, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return target.IsInstanceOfType(value) ? value : System.Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture);
    }
}
