using GraphQL.Types;
using OpenData.Api.GraphQL.Inputs;
using OpenData.Api.Rest;
using OpenData.Data.Senators;

namespace OpenData.Api.GraphQL.Types;

/// <summary>A senator, linked to their groups and their questions.</summary>
public sealed class SenatorType : ObjectGraphType
{
    public SenatorType()
    {
        Name = "Senator";
        Description = "A senator, sitting or former, with their political groups over time.";
        Interface<NodeInterface>();
        Field<NonNullGraphType<IdGraphType>>("id").Description("The Senate's matricule (digits then a letter, e.g. 08037L), the senator's public id and global id (node).");
        Field<StringGraphType>("civility").Description("M. or Mme.");
        Field<StringGraphType>("firstName").Description("First name as used.");
        Field<StringGraphType>("lastName").Description("Last name as used.");
        Field<NonNullGraphType<StringGraphType>>("name").Description("First and last name.");
        Field<NonNullGraphType<BooleanGraphType>>("active").Description("Currently sitting.");
        Field<DateScalar>("birthDate").Description("Date of birth.");
        Field<DateScalar>("deathDate").Description("Date of death, if any.");
        Field<PoliticalGroupType>("group").Description("Current political group (the last one for a former senator), or null when none.");
        Field<StringGraphType>("groupMembership").Description("Kind of membership of that group, as published (member, attached, related).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<GroupMembershipType>>>>("groupHistory").Description("Every membership of a political group, latest first.");
        Field<StringGraphType>("constituency").Description("Constituency (circonscription).");
        Field<StringGraphType>("committee").Description("Standing committee.");
        Field<StringGraphType>("bureauFunction").Description("Function in the Senate's Bureau, if any.");
        Field<StringGraphType>("email").Description("Public e-mail address.");
        Field<StringGraphType>("profession").Description("Profession, as published.");
        Field<StringGraphType>("professionCategory").Description("Professional category, as published.");
        Field<NonNullGraphType<IntGraphType>>("questionCount").Description("Questions this senator asked in the dataset.");
        Field<NonNullGraphType<StringGraphType>>("url").Description("The senator's page on senat.fr.");
        Field<NonNullGraphType<DateTimeGraphType>>("updatedAt").Description("When this senator last changed in the API: the moment the import that changed them was first served.");
        QuestionArguments.AddTo(Field<NonNullGraphType<QuestionConnectionType>>("questions")
            .Description("The questions this senator asked (filter.senator is ignored)."));
    }
}

/// <summary>A senator's membership of a political group.</summary>
public sealed class GroupMembershipType : ObjectGraphType
{
    public GroupMembershipType()
    {
        Name = "GroupMembership";
        Description = "A senator's membership of a political group.";
        Field<NonNullGraphType<PoliticalGroupType>>("group").Description("The group.");
        Field<StringGraphType>("membership").Description("Kind of membership, as published (member, attached, related).");
        Field<DateScalar>("from").Description("First day of the membership.");
        Field<DateScalar>("to").Description("Last day of the membership, or null while it lasts.");
    }
}
