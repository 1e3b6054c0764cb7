using Microsoft.Extensions.DependencyInjection;
using OpenData.Api.GraphQL.Types;
using GraphQL.Types;
using OpenData.Api.Rest;
using OpenData.Data.Reference;

namespace OpenData.Api.Tests.GraphQL.Reference;

/// <summary>A theme of the Senate's classification.</summary>
public sealed class ThemeType : ObjectGraphType<ThemeRow>
{
    public ThemeType()
    {
        Name = "Theme";
        Description = "A theme of the Senate's classification of questions.";
        Field<NonNullGraphType<IntGraphType>>("id").Description("The theme's code.").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("label").Description("French label.").Resolve(c => c.Source.Label);
        Field<StringGraphType>("alias").Description("Other name of the theme, if any.").Resolve(c => c.Source.Alias);
        Field<NonNullGraphType<IntGraphType>>("questionCount").Description("Questions with this theme in the dataset.").Resolve(c => c.Source.QuestionCount);
    }
}

/// <summary>A political group.</summary>
public sealed class PoliticalGroupType : ObjectGraphType<PoliticalGroupRow>
{
    public PoliticalGroupType()
    {
        Name = "PoliticalGroup";
        Description = "A political group of the Senate.";
        Field<NonNullGraphType<StringGraphType>>("code").Description("The group's code, e.g. UC.").Resolve(c => c.Source.Code);
        Field<NonNullGraphType<StringGraphType>>("label").Description("The group's name.").Resolve(c => c.Source.Label);
        Field<NonNullGraphType<IntGraphType>>("senatorCount").Description("Senators whose current (or last) group this is.").Resolve(c => c.Source.SenatorCount);
        Field<NonNullGraphType<IntGraphType>>("activeSenatorCount").Description("Sitting senators of this group.").Resolve(c => c.Source.ActiveSenatorCount);
    }
}

/// <summary>A legislature.</summary>
public sealed class LegislatureType : ObjectGraphType<LegislatureRow>
{
    public LegislatureType()
    {
        Name = "Legislature";
        Description = "A legislature (the Senate's numbering of the Fifth Republic's parliaments).";
        Field<NonNullGraphType<IntGraphType>>("number").Description("Legislature number, e.g. 17.").Resolve(c => c.Source.Number);
        Field<NonNullGraphType<StringGraphType>>("label").Description("Label.").Resolve(c => c.Source.Label);
        Field<DateScalar>("startDate").Description("First day.").Resolve(c => c.Source.StartDate);
        Field<DateScalar>("endDate").Description("Last day, or null for the current one.").Resolve(c => c.Source.EndDate);
        Field<NonNullGraphType<IntGraphType>>("questionCount").Description("Questions of this legislature in the dataset.").Resolve(c => c.Source.QuestionCount);
    }
}
