using GraphQL.Types;
using OpenData.Api.Rest;
using OpenData.Data.Reference;

namespace OpenData.Api.GraphQL.Types;

/// <summary>A theme of the Senate's classification.</summary>
public sealed class ThemeType : ObjectGraphType
{
    public ThemeType()
    {
        Name = "Theme";
        Description = "A theme of the Senate's classification of questions.";
        Field<NonNullGraphType<IntGraphType>>("id").Description("The theme's code.");
        Field<NonNullGraphType<StringGraphType>>("label").Description("French label.");
        Field<StringGraphType>("alias").Description("Other name of the theme, if any.");
        Field<NonNullGraphType<IntGraphType>>("questionCount").Description("Questions with this theme in the dataset.");
    }
}

/// <summary>A political group.</summary>
public sealed class PoliticalGroupType : ObjectGraphType
{
    public PoliticalGroupType()
    {
        Name = "PoliticalGroup";
        Description = "A political group of the Senate.";
        Field<NonNullGraphType<StringGraphType>>("code").Description("The group's code, e.g. UC.");
        Field<NonNullGraphType<StringGraphType>>("label").Description("The group's name.");
        Field<NonNullGraphType<IntGraphType>>("senatorCount").Description("Senators whose current (or last) group this is.");
        Field<NonNullGraphType<IntGraphType>>("activeSenatorCount").Description("Sitting senators of this group.");
    }
}

/// <summary>A legislature.</summary>
public sealed class LegislatureType : ObjectGraphType
{
    public LegislatureType()
    {
        Name = "Legislature";
        Description = "A legislature (the Senate's numbering of the Fifth Republic's parliaments).";
        Field<NonNullGraphType<IntGraphType>>("number").Description("Legislature number, e.g. 17.");
        Field<NonNullGraphType<StringGraphType>>("label").Description("Label.");
        Field<DateScalar>("startDate").Description("First day.");
        Field<DateScalar>("endDate").Description("Last day, or null for the current one.");
        Field<NonNullGraphType<IntGraphType>>("questionCount").Description("Questions of this legislature in the dataset.");
    }
}
