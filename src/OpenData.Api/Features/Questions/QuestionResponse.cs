namespace OpenData.Api.Features.Questions;

// The names of REST's question representations in the OpenAPI document: their schemas are made from the representations
// themselves (QuestionRepresentations in OpenData.Data, by Rest.RepresentationSchemas), their JSON by PostgreSQL.

/// <summary>The schema of <c>QuestionRepresentations.Question</c>.</summary>
public sealed class QuestionResponse;

/// <summary>The schema of <c>QuestionRepresentations.Detail</c>.</summary>
public sealed class QuestionDetailResponse;
