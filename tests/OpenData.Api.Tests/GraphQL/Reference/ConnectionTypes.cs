using Microsoft.Extensions.DependencyInjection;
using OpenData.Api.GraphQL.Types;
using OpenData.Data.Answers;
using OpenData.Data.Ministries;
using OpenData.Data.Questions;
using OpenData.Data.Senators;

namespace OpenData.Api.Tests.GraphQL.Reference;

/// <summary>A page of questions.</summary>
public sealed class QuestionConnectionType() : ConnectionType<QuestionType, QuestionRow>("Question", "questions");

/// <summary>A page of answers.</summary>
public sealed class AnswerConnectionType() : ConnectionType<AnswerType, AnswerRow>("Answer", "answers");

/// <summary>A page of senators.</summary>
public sealed class SenatorConnectionType() : ConnectionType<SenatorType, SenatorRow>("Senator", "senators");

/// <summary>A page of ministries.</summary>
public sealed class MinistryConnectionType() : ConnectionType<MinistryType, MinistryRow>("Ministry", "ministries");
