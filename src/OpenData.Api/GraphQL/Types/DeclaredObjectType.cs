using GraphQL.Types;
using OpenData.Api.GraphQL.Inputs;
using OpenData.Data.Graph;

namespace OpenData.Api.GraphQL.Types;

/// <summary>
/// An object type whose fields are those the data layer declares (<see cref="ObjectDeclaration"/>): their names, types,
/// descriptions, deprecations and paging arguments, in order. The compiler reads the same declaration, so every field of
/// such a type has its SQL.
/// </summary>
public abstract class DeclaredObjectType : ObjectGraphType
{
    protected DeclaredObjectType(ObjectDeclaration declaration)
    {
        Name = declaration.Name;
        Description = declaration.Description;
        foreach (var declared in declaration.Fields)
        {
            var field = Field(declared.Name, TypeOf(declared.Type)).Description(declared.Description);
            if (declared.Deprecation is { } reason) field.DeprecationReason(reason);
            if (declared.Arguments is GraphArguments.Page) field.WithPaging();
            if (declared.Arguments is GraphArguments.Questions) QuestionArguments.AddTo(field);
        }
    }

    /// <summary>The graph type of a type in GraphQL's notation (<c>[Theme!]!</c>): wrappers around a named type.</summary>
    public static Type TypeOf(string notation) =>
        notation.EndsWith('!') ? typeof(NonNullGraphType<>).MakeGenericType(TypeOf(notation[..^1]))
        : notation.StartsWith('[') && notation.EndsWith(']') ? typeof(ListGraphType<>).MakeGenericType(TypeOf(notation[1..^1]))
        : Named.TryGetValue(notation, out var named) ? named
        : throw new InvalidOperationException($"a declared field is of the type {notation}, which DeclaredObjectType.Named does not name");

    /// <summary>The types declared fields are of, by name.</summary>
    private static readonly Dictionary<string, Type> Named = new(StringComparer.Ordinal)
    {
        ["ID"] = typeof(IdGraphType),
        ["String"] = typeof(StringGraphType),
        ["Int"] = typeof(IntGraphType),
        ["Float"] = typeof(FloatGraphType),
        ["Boolean"] = typeof(BooleanGraphType),
        ["Date"] = typeof(DateScalar),
        ["DateTime"] = typeof(DateTimeGraphType),
        ["Question"] = typeof(QuestionType),
        ["QuestionEvent"] = typeof(QuestionEventType),
        ["QuestionEventKind"] = typeof(QuestionEventKindEnum),
        ["Nature"] = typeof(QuestionNatureInfoType),
        ["QuestionNature"] = typeof(QuestionNatureEnum),
        ["QuestionStatus"] = typeof(QuestionStatusEnum),
        ["QuestionAuthor"] = typeof(QuestionAuthorType),
        ["Transfer"] = typeof(TransferType),
        ["Theme"] = typeof(ThemeType),
        ["PoliticalGroup"] = typeof(PoliticalGroupType),
        ["Senator"] = typeof(SenatorType),
        ["GroupMembership"] = typeof(GroupMembershipType),
        ["QuestionConnection"] = typeof(QuestionConnectionType),
        ["Ministry"] = typeof(MinistryType),
        ["Answer"] = typeof(AnswerType),
        ["Erratum"] = typeof(ErratumType),
        ["SimilarQuestionConnection"] = typeof(SimilarQuestionConnectionType),
        ["TimeToAnswer"] = typeof(TimeToAnswerType),
        ["DatasetSource"] = typeof(DatasetSourceType),
        ["DatasetDownload"] = typeof(DatasetDownloadType),
        ["RowCount"] = typeof(RowCountType),
        ["ChangeResource"] = typeof(ChangeResourceEnum),
        ["ChangeKind"] = typeof(ChangeKindEnum),
    };
}
