using OpenData.Data;
using Microsoft.Extensions.DependencyInjection;
using OpenData.Api.GraphQL.Types;
using GraphQL.Types;
using OpenData.Api.GraphQL.Inputs;
using OpenData.Api.Rest;
using OpenData.Data.Ministries;

namespace OpenData.Api.Tests.GraphQL.Reference;

/// <summary>A ministry, linked to its lineage (successor, predecessors) and its questions.</summary>
public sealed class MinistryType : ObjectGraphType<MinistryRow>
{
    public MinistryType()
    {
        Name = "Ministry";
        Description = "A ministry: one portfolio in one government. Reshuffles replace ministries by successors.";
        Interface<ReferenceNode>();
        Field<NonNullGraphType<IdGraphType>>("id").Description("The Senate's ministry id (minid, digits), its public id and its global id (node).").Resolve(c => Id(c.Source.Id));
        Field<NonNullGraphType<StringGraphType>>("name").Description("Short name, e.g. Intérieur.").Resolve(c => c.Source.Name);
        Field<StringGraphType>("fullName").Description("Full name of the portfolio.").Resolve(c => c.Source.FullName);
        Field<StringGraphType>("ministerTitle").Description("The minister's title, e.g. ministre de l'intérieur.").Resolve(c => c.Source.MinisterTitle);
        Field<StringGraphType>("journalTitle").Description("The title as printed in the Journal officiel.").Resolve(c => c.Source.JournalTitle);
        Field<StringGraphType>("ministerName").Description("The minister's name.").Resolve(c => c.Source.MinisterName);
        Field<DateScalar>("startDate").Description("First day in office.").Resolve(c => c.Source.StartDate);
        Field<DateScalar>("endDate").Description("Last day in office, or null while in office.").Resolve(c => c.Source.EndDate);
        Field<IntGraphType>("daysInOffice").Description("Days in office, the first and the last counted; null while in office or when either day is unknown.")
            .Resolve(c => c.Source is { StartDate: { } from, EndDate: { } to } ? to.DayNumber - from.DayNumber + 1 : null);
        Field<NonNullGraphType<BooleanGraphType>>("current").Description("In office (part of the current government).").Resolve(c => c.Source.Current);
        Field<IntGraphType>("protocolOrder").Description("Rank in the government's protocol order.").Resolve(c => c.Source.ProtocolOrder);
        Field<IdGraphType>("successorId").Description("Id of the ministry that replaced this one, if any.")
            .Resolve(c => c.Source.SuccessorId is { } id ? Id(id) : null);
        Field<MinistryType>("successor").Description("The ministry that replaced this one, if any.")
            .Resolve(c => c.Source.SuccessorId is { } id ? c.RequestServices!.GetRequiredService<MinistryLoader>().Load(id) : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("predecessorIds").Description("Ids of the ministries this one directly replaced.")
            .Resolve(c => c.Source.PredecessorIds.Select(Id).ToList());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MinistryType>>>>("predecessors").Description("The ministries this one directly replaced.")
            .Resolve(c => c.RequestServices!.GetRequiredService<MinistryLoader>().LoadMany(c.Source.PredecessorIds));
        Field<NonNullGraphType<IntGraphType>>("questionCount").Description("Questions addressed to, transferred to or answered by this ministry: the total of its questions list (without lineage).").Resolve(c => c.Source.QuestionCount);
        Field<NonNullGraphType<DateTimeGraphType>>("updatedAt").Description("When this ministry last changed in the API: the moment the import that changed it was first served.").Resolve(c => Dates.Utc(c.Source.UpdatedAt));
        QuestionArguments.AddTo(Field<NonNullGraphType<QuestionConnectionType>>("questions")
            .Description("Questions addressed to, transferred to or answered by this ministry (filter.ministry is ignored; filter.lineage adds its predecessors'), transitively."))
            .ResolveAsync(async c => await QuestionArguments.PageAsync(c, f => f with { Ministry = c.Source.Id }));
    }

    /// <summary>A ministry id as GraphQL's ID: a string.</summary>
    public static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
