namespace OpenData.Api.GraphQL.Types;

/// <summary>A page of questions.</summary>
public sealed class QuestionConnectionType() : ConnectionType<QuestionType>("Question", "questions");

/// <summary>A page of answers.</summary>
public sealed class AnswerConnectionType() : ConnectionType<AnswerType>("Answer", "answers");

/// <summary>A page of senators.</summary>
public sealed class SenatorConnectionType() : ConnectionType<SenatorType>("Senator", "senators");

/// <summary>A page of ministries.</summary>
public sealed class MinistryConnectionType() : ConnectionType<MinistryType>("Ministry", "ministries");
