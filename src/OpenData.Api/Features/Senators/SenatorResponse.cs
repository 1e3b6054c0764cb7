namespace OpenData.Api.Features.Senators;

// The name of REST's senator representation in the OpenAPI document: its schema is made from the representation itself
// (SenatorRepresentations in OpenData.Data, by Rest.RepresentationSchemas), its JSON by PostgreSQL.

/// <summary>The schema of <c>SenatorRepresentations.Senator</c>.</summary>
public sealed class SenatorResponse;
