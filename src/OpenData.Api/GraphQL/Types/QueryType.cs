using OpenData.Data.Graph;

namespace OpenData.Api.GraphQL.Types;

/// <summary>The root fields: one per REST resource and list, over the same query layer, as the data layer declares them (<see cref="GraphDeclarations.Query"/>).</summary>
public sealed class QueryType() : DeclaredObjectType(GraphDeclarations.Query);
