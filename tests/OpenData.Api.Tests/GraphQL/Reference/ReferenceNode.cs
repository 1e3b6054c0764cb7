using System.Globalization;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using OpenData.Data;
using OpenData.Data.Ministries;
using OpenData.Data.Questions;
using OpenData.Data.Senators;

namespace OpenData.Api.Tests.GraphQL.Reference;

/// <summary>The production Node interface (the same name, description and field), resolved by the type of the object loaded.</summary>
public sealed class ReferenceNode : InterfaceGraphType
{
    public ReferenceNode()
    {
        var served = new OpenData.Api.GraphQL.Types.NodeInterface();
        Name = served.Name;
        Description = served.Description;
        Field<NonNullGraphType<IdGraphType>>("id").Description(served.GetField("id")!.Description);
        ResolveType = value => PossibleTypes.FirstOrDefault(t => t.Name == value switch
        {
            QuestionRow => "Question",
            SenatorRow => "Senator",
            MinistryRow => "Ministry",
            _ => "",
        });
    }

    /// <summary>The object of a global id, loaded by its type's loader, or null.</summary>
    public static async Task<object?> LoadAsync(IResolveFieldContext c, string id)
    {
        var canonical = Ids.Canonical(id);
        var services = c.RequestServices!;
        return Ids.NodeType(id) switch
        {
            "Question" => await services.GetRequiredService<QuestionLoader>().Load(canonical).GetResultAsync(c.CancellationToken),
            "Senator" => await services.GetRequiredService<SenatorLoader>().Load(canonical).GetResultAsync(c.CancellationToken),
            "Ministry" => await services.GetRequiredService<MinistryLoader>().Load(long.Parse(canonical, CultureInfo.InvariantCulture)).GetResultAsync(c.CancellationToken),
            _ => null,
        };
    }
}
