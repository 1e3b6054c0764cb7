namespace OpenData.Api.Features.Answers;

// The name of REST's answer representation in the OpenAPI document: its schema is made from the representation itself
// (AnswerRepresentations in OpenData.Data, by Rest.RepresentationSchemas), its JSON by PostgreSQL.

/// <summary>The schema of <c>AnswerRepresentations.Answer</c>.</summary>
public sealed class AnswerResponse;
