using OpenData.Data;
using Microsoft.Extensions.DependencyInjection;
using OpenData.Api.GraphQL.Types;
using GraphQL.Types;
using OpenData.Api.GraphQL.Inputs;
using OpenData.Api.Rest;
using OpenData.Data.Senators;

namespace OpenData.Api.Tests.GraphQL.Reference;

/// <summary>A senator, linked to their groups and their questions.</summary>
public sealed class SenatorType : ObjectGraphType<SenatorRow>
{
    public SenatorType()
    {
        Name = "Senator";
        Description = "A senator, sitting or former, with their political groups over time.";
        Interface<ReferenceNode>();
        Field<NonNullGraphType<IdGraphType>>("id").Description("The Senate's matricule (digits then a letter, e.g. 08037L), the senator's public id and global id (node).").Resolve(c => c.Source.Id);
        Field<StringGraphType>("civility").Description("M. or Mme.").Resolve(c => c.Source.Civility);
        Field<StringGraphType>("firstName").Description("First name as used.").Resolve(c => c.Source.FirstName);
        Field<StringGraphType>("lastName").Description("Last name as used.").Resolve(c => c.Source.LastName);
        Field<NonNullGraphType<StringGraphType>>("name").Description("First and last name.").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<BooleanGraphType>>("active").Description("Currently sitting.").Resolve(c => c.Source.Active);
        Field<DateScalar>("birthDate").Description("Date of birth.").Resolve(c => c.Source.BirthDate);
        Field<DateScalar>("deathDate").Description("Date of death, if any.").Resolve(c => c.Source.DeathDate);
        Field<PoliticalGroupType>("group").Description("Current political group (the last one for a former senator), or null when none.")
            .Resolve(c => c.Source.GroupCode is { } code ? c.RequestServices!.GetRequiredService<GroupLoader>().Load(code) : null);
        Field<StringGraphType>("groupMembership").Description("Kind of membership of that group, as published (member, attached, related).")
            .Resolve(c => c.Source.GroupMembership);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<GroupMembershipType>>>>("groupHistory").Description("Every membership of a political group, latest first.")
            .Resolve(c => c.RequestServices!.GetRequiredService<GroupHistoryLoader>().Load(c.Source.Id));
        Field<StringGraphType>("constituency").Description("Constituency (circonscription).").Resolve(c => c.Source.Constituency);
        Field<StringGraphType>("committee").Description("Standing committee.").Resolve(c => c.Source.Committee);
        Field<StringGraphType>("bureauFunction").Description("Function in the Senate's Bureau, if any.").Resolve(c => c.Source.BureauFunction);
        Field<StringGraphType>("email").Description("Public e-mail address.").Resolve(c => c.Source.Email);
        Field<StringGraphType>("profession").Description("Profession, as published.").Resolve(c => c.Source.Profession);
        Field<StringGraphType>("professionCategory").Description("Professional category, as published.").Resolve(c => c.Source.ProfessionCategory);
        Field<NonNullGraphType<IntGraphType>>("questionCount").Description("Questions this senator asked in the dataset.").Resolve(c => c.Source.QuestionCount);
        Field<NonNullGraphType<StringGraphType>>("url").Description("The senator's page on senat.fr.").Resolve(c => c.Source.Url);
        Field<NonNullGraphType<DateTimeGraphType>>("updatedAt").Description("When this senator last changed in the API: the moment the import that changed them was first served.").Resolve(c => Dates.Utc(c.Source.UpdatedAt));
        QuestionArguments.AddTo(Field<NonNullGraphType<QuestionConnectionType>>("questions")
            .Description("The questions this senator asked (filter.senator is ignored)."))
            .ResolveAsync(async c => await QuestionArguments.PageAsync(c, f => f with { Senator = c.Source.Id }));
    }
}

/// <summary>A senator's membership of a political group.</summary>
public sealed class GroupMembershipType : ObjectGraphType<SenatorGroupRow>
{
    public GroupMembershipType()
    {
        Name = "GroupMembership";
        Description = "A senator's membership of a political group.";
        Field<NonNullGraphType<PoliticalGroupType>>("group").Description("The group.")
            .Resolve(c => c.RequestServices!.GetRequiredService<GroupLoader>().Load(c.Source.GroupCode).Then(g => g ?? new() { Code = c.Source.GroupCode, Label = c.Source.GroupLabel }));
        Field<StringGraphType>("membership").Description("Kind of membership, as published (member, attached, related).").Resolve(c => c.Source.Membership);
        Field<DateScalar>("from").Description("First day of the membership.").Resolve(c => c.Source.StartDate);
        Field<DateScalar>("to").Description("Last day of the membership, or null while it lasts.").Resolve(c => c.Source.EndDate);
    }
}
