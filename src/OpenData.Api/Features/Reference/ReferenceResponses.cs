using OpenData.Api.Rest;
using OpenData.Data.Reference;

namespace OpenData.Api.Features.Reference;

/// <summary>A theme of the Senate's classification of questions.</summary>
/// <param name="Id">The theme's code, its public id (the theme filter of /v1/questions).</param>
/// <param name="Label">Label as published.</param>
/// <param name="Alias">Short label, as published, if any.</param>
/// <param name="QuestionCount">Questions with this theme in the dataset.</param>
/// <param name="Links">The API URL of its questions.</param>
public sealed record ThemeResponse(int Id, string Label, string? Alias, int QuestionCount, ThemeLinks Links)
{
    public static ThemeResponse From(ThemeRow t) => new(t.Id, t.Label, t.Alias, t.QuestionCount, new ThemeLinks($"/v1/questions?theme={t.Id}"));

    public static readonly IReadOnlyList<CsvColumn<ThemeResponse>> CsvColumns =
        [new("id", t => t.Id), new("label", t => t.Label), new("alias", t => t.Alias), new("questionCount", t => t.QuestionCount)];
}

/// <summary>Links of a theme.</summary>
/// <param name="Questions">The API URL of the questions with this theme.</param>
public sealed record ThemeLinks(string Questions);

/// <summary>A political group of the Senate.</summary>
/// <param name="Code">The group's code, its public id (e.g. UC).</param>
/// <param name="Label">The group's name (its code when unknown).</param>
/// <param name="SenatorCount">Senators, sitting or former, whose current (or last) group this is.</param>
/// <param name="ActiveSenatorCount">Sitting senators whose current group this is.</param>
/// <param name="Links">The API URLs of its senators and of the questions its members asked.</param>
public sealed record GroupResponse(string Code, string Label, int SenatorCount, int ActiveSenatorCount, GroupLinks Links)
{
    public static GroupResponse From(PoliticalGroupRow g)
    {
        var code = Uri.EscapeDataString(g.Code);
        return new(g.Code, g.Label, g.SenatorCount, g.ActiveSenatorCount, new GroupLinks($"/v1/senators?group={code}", $"/v1/questions?group={code}"));
    }

    public static readonly IReadOnlyList<CsvColumn<GroupResponse>> CsvColumns =
    [
        new("code", g => g.Code), new("label", g => g.Label), new("senatorCount", g => g.SenatorCount),
        new("activeSenatorCount", g => g.ActiveSenatorCount),
    ];
}

/// <summary>Links of a political group.</summary>
/// <param name="Senators">The API URL of the senators whose current group this is.</param>
/// <param name="Questions">The API URL of the questions asked by members of this group (group at the time of the question).</param>
public sealed record GroupLinks(string Senators, string Questions);

/// <summary>A legislature: the Senate's numbering of parliamentary terms.</summary>
/// <param name="Number">The legislature's number, its public id (e.g. 17).</param>
/// <param name="Label">Label as published.</param>
/// <param name="StartDate">First day.</param>
/// <param name="EndDate">Last day, or null for the current legislature.</param>
/// <param name="QuestionCount">Questions of this legislature in the dataset.</param>
/// <param name="Links">The API URL of its questions.</param>
public sealed record LegislatureResponse(int Number, string Label, DateOnly? StartDate, DateOnly? EndDate, int QuestionCount, LegislatureLinks Links)
{
    public static LegislatureResponse From(LegislatureRow l) =>
        new(l.Number, l.Label, l.StartDate, l.EndDate, l.QuestionCount, new LegislatureLinks($"/v1/questions?legislature={l.Number}"));

    public static readonly IReadOnlyList<CsvColumn<LegislatureResponse>> CsvColumns =
    [
        new("number", l => l.Number), new("label", l => l.Label), new("startDate", l => l.StartDate), new("endDate", l => l.EndDate),
        new("questionCount", l => l.QuestionCount),
    ];
}

/// <summary>Links of a legislature.</summary>
/// <param name="Questions">The API URL of the questions of this legislature.</param>
public sealed record LegislatureLinks(string Questions);
