using GraphQL;
using GraphQL.Builders;
using GraphQLParser.AST;
using OpenData.Api.GraphQL.Types;
using OpenData.Data.Paging;
using OpenData.Data.Questions;

namespace OpenData.Api.GraphQL.Inputs;

/// <summary>The arguments of every question list (root, Senator.questions, Ministry.questions).</summary>
public static class QuestionArguments
{
    public static FieldBuilder<TSource, object> AddTo<TSource>(FieldBuilder<TSource, object> field) => field
        .Argument<QuestionFilterInput>("filter", "Filters, combined with AND.")
        .Argument<QuestionOrderEnum>("orderBy", "Order (default PUBLISHED_AT_DESC, newest first).", a => a.DefaultValue = QuestionSort.PublishedDesc)
        .WithPaging();
}
