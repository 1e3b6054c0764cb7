using OpenData.Data.Graph;

namespace OpenData.Api.GraphQL.Types;

/// <summary>A theme of the Senate's classification.</summary>
public sealed class ThemeType() : DeclaredObjectType(GraphDeclarations.Theme);

/// <summary>A political group.</summary>
public sealed class PoliticalGroupType() : DeclaredObjectType(GraphDeclarations.PoliticalGroup);

/// <summary>A legislature.</summary>
public sealed class LegislatureType() : DeclaredObjectType(GraphDeclarations.Legislature);
