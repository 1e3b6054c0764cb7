namespace OpenData.Api.Features.Reference;

// The names of REST's lookup lists' representations in the OpenAPI document: their schemas are made from the
// representations themselves (ReferenceRepresentations in OpenData.Data, by Rest.RepresentationSchemas).

/// <summary>The schema of <c>ReferenceRepresentations.Themes</c>.</summary>
public sealed class ThemeResponse;

/// <summary>The schema of <c>ReferenceRepresentations.Groups</c>.</summary>
public sealed class GroupResponse;

/// <summary>The schema of <c>ReferenceRepresentations.Legislatures</c>.</summary>
public sealed class LegislatureResponse;
