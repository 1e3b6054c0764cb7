using OpenData.Api.Rest;
using OpenData.Data.Twins;

namespace OpenData.Api.Features.Twins;

/// <summary>The schema of <c>QuestionRepresentations.Similar</c> (made from it by Rest.RepresentationSchemas).</summary>
public sealed class SimilarQuestionResponse;

/// <summary>A group of near-identical questions, named by its earliest.</summary>
/// <param name="Id">The id of its earliest question (the group's name while that question stays the earliest).</param>
/// <param name="Size">How many questions it holds.</param>
/// <param name="MinSimilarity">The least similarity of the pairs of questions that join it.</param>
/// <param name="PublishedFrom">The publication date of its earliest question.</param>
/// <param name="PublishedTo">The publication date of its latest question.</param>
/// <param name="Earliest">Its earliest question.</param>
/// <param name="Questions">Its questions in publication order, the earliest first.</param>
/// <param name="Senators">Its senators, in the order of their first question.</param>
/// <param name="Groups">The political groups of its senators when they asked, by code.</param>
/// <param name="Similar">The API URL of its earliest question's similar list.</param>
public sealed record TwinGroupResponse(string Id, int Size, double MinSimilarity, DateOnly PublishedFrom, DateOnly PublishedTo,
    TwinMember Earliest, IReadOnlyList<TwinMember> Questions, IReadOnlyList<TwinSenator> Senators, IReadOnlyList<CodeLabel> Groups, string Similar)
{
    public static TwinGroupResponse From(TwinGroupRow row)
    {
        var members = row.Members.Select(TwinMember.From).ToList();
        var senators = members.GroupBy(m => m.Author.Id).Select(g => new TwinSenator(g.Key, g.First().Author.Name, g.First().Author.Self)).ToList();
        return new(row.Id, row.Size, Math.Round(row.MinSimilarity, 4), row.PublishedFrom, row.PublishedTo, members[0], members, senators,
            row.Groups.Select(g => new CodeLabel(g.Code, g.Label)).ToList(), $"/v1/questions/{row.Id}/similar");
    }
}

/// <summary>A question of a twin group.</summary>
/// <param name="Id">The Senate's reference.</param>
/// <param name="PublishedAt">Its publication date.</param>
/// <param name="Title">Its title.</param>
/// <param name="Author">Its author as at the time of the question.</param>
/// <param name="Self">Its API URL.</param>
public sealed record TwinMember(string Id, DateOnly PublishedAt, string? Title, AuthorSnapshot Author, string Self)
{
    public static TwinMember From(TwinMemberRow m) => new(m.Id, m.PublishedAt, m.Title,
        new AuthorSnapshot(m.AuthorId, m.AuthorName, m.AuthorCivility, m.AuthorGroup is { } g ? new CodeLabel(g, m.AuthorGroupLabel ?? g) : null,
            m.AuthorConstituency, $"/v1/senators/{m.AuthorId}"),
        $"/v1/questions/{m.Id}");
}

/// <summary>A senator of a twin group.</summary>
/// <param name="Id">Senator id (matricule).</param>
/// <param name="Name">First and last name.</param>
/// <param name="Self">The senator's API URL.</param>
public sealed record TwinSenator(string Id, string Name, string Self);
