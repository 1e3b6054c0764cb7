using OpenData.Data.Graph;

namespace OpenData.Api.GraphQL.Types;

/// <summary>A minister's answer, linked to its question and the questions it also answers.</summary>
public sealed class AnswerType() : DeclaredObjectType(GraphDeclarations.Answer);

/// <summary>A correction of an answer.</summary>
public sealed class ErratumType() : DeclaredObjectType(GraphDeclarations.Erratum);
