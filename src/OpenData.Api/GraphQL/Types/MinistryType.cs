using GraphQL.Types;
using OpenData.Api.GraphQL.Inputs;
using OpenData.Api.Rest;
using OpenData.Data.Ministries;

namespace OpenData.Api.GraphQL.Types;

/// <summary>A ministry, linked to its lineage (successor, predecessors) and its questions.</summary>
public sealed class MinistryType : ObjectGraphType
{
    public MinistryType()
    {
        Name = "Ministry";
        Description = "A ministry: one portfolio in one government. Reshuffles replace ministries by successors.";
        Interface<NodeInterface>();
        Field<NonNullGraphType<IdGraphType>>("id").Description("The Senate's ministry id (minid, digits), its public id and its global id (node).");
        Field<NonNullGraphType<StringGraphType>>("name").Description("Short name, e.g. Intérieur.");
        Field<StringGraphType>("fullName").Description("Full name of the portfolio.");
        Field<StringGraphType>("ministerTitle").Description("The minister's title, e.g. ministre de l'intérieur.");
        Field<StringGraphType>("journalTitle").Description("The title as printed in the Journal officiel.");
        Field<StringGraphType>("ministerName").Description("The minister's name.");
        Field<DateScalar>("startDate").Description("First day in office.");
        Field<DateScalar>("endDate").Description("Last day in office, or null while in office.");
        Field<NonNullGraphType<BooleanGraphType>>("current").Description("In office (part of the current government).");
        Field<IntGraphType>("protocolOrder").Description("Rank in the government's protocol order.");
        Field<IdGraphType>("successorId").Description("Id of the ministry that replaced this one, if any.");
        Field<MinistryType>("successor").Description("The ministry that replaced this one, if any.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("predecessorIds").Description("Ids of the ministries this one directly replaced.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MinistryType>>>>("predecessors").Description("The ministries this one directly replaced.");
        Field<NonNullGraphType<IntGraphType>>("questionCount").Description("Questions addressed to, transferred to or answered by this ministry: the total of its questions list (without lineage).");
        Field<NonNullGraphType<DateTimeGraphType>>("updatedAt").Description("When this ministry last changed in the API: the moment the import that changed it was first served.");
        QuestionArguments.AddTo(Field<NonNullGraphType<QuestionConnectionType>>("questions")
            .Description("Questions addressed to, transferred to or answered by this ministry (filter.ministry is ignored; filter.lineage adds its predecessors'), transitively."));
    }
}
