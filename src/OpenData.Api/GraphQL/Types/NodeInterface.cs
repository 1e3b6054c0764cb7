using GraphQL.Types;

namespace OpenData.Api.GraphQL.Types;

/// <summary>
/// Relay's Node: an object found again by its id alone (<c>node(id:)</c>, <c>nodes(ids:)</c>). The public ids of
/// questions, senators and ministries never meet (<see cref="OpenData.Data.Ids.NodeType"/>), so they are the global
/// ids as they are: no second, opaque id to learn.
/// </summary>
public sealed class NodeInterface : InterfaceGraphType
{
    public NodeInterface()
    {
        Name = "Node";
        Description = "An object with a global id: a question (SEQ240611950), a senator (08037L) or a ministry (1019). Find it again with node(id:).";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Its public id, unique across questions, senators and ministries.");
        // Never run by GraphQL.NET (the compiler reads objects from SQL): the type comes from the id.
        ResolveType = _ => null;
    }
}
