using OpenData.Data.Graph;

namespace OpenData.Api.GraphQL.Types;

/// <summary>A ministry, linked to its lineage (successor, predecessors) and its questions.</summary>
public sealed class MinistryType : DeclaredObjectType
{
    public MinistryType() : base(GraphDeclarations.Ministry) => Interface<NodeInterface>();
}
