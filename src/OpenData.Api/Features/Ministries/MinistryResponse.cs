namespace OpenData.Api.Features.Ministries;

// The names of REST's ministry representations in the OpenAPI document: their schemas are made from the representations
// themselves (MinistryRepresentations in OpenData.Data, by Rest.RepresentationSchemas), their JSON by PostgreSQL.

/// <summary>The schema of <c>MinistryRepresentations.Ministry</c>.</summary>
public sealed class MinistryResponse;

/// <summary>The schema of <c>MinistryRepresentations.Detail</c>.</summary>
public sealed class MinistryDetailResponse;
