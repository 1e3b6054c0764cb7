namespace OpenData.Api.Features.Twins;

/// <summary>The schema of <c>QuestionRepresentations.Similar</c> (made from it by Rest.RepresentationSchemas).</summary>
public sealed class SimilarQuestionResponse;

/// <summary>The schema of <c>TwinRepresentations.TwinGroup</c> (made from it by Rest.RepresentationSchemas).</summary>
public sealed class TwinGroupResponse;
