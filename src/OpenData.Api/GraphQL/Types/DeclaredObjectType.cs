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
        foreach (var declared in declaration.Fields) Add(this, declared, TypeOf(declared.Type, Find));
    }

    /// <summary>
    /// Adds the declared field <paramref name="declared"/> to <paramref name="type"/>, its named type
    /// <typeparamref name="TNamed"/> instead of the schema's (the tests' reference executor: types with resolvers).
    /// </summary>
    public static FieldType Add<TNamed>(ObjectGraphType type, GraphField declared) where TNamed : IGraphType =>
        Add(type, declared, TypeOf(declared.Type, _ => typeof(TNamed)));

    private static FieldType Add(ObjectGraphType type, GraphField declared, Type graphType)
    {
        var field = type.Field(declared.Name, graphType).Description(declared.Description);
        if (declared.Deprecation is { } reason) field.DeprecationReason(reason);
        return DeclaredArguments.AddTo(field, declared).FieldType;
    }

    /// <summary>The graph type of a type in GraphQL's notation (<c>[Theme!]!</c>): wrappers around a named type.</summary>
    private static Type TypeOf(string notation, Func<string, Type> named) =>
        notation.EndsWith('!') ? typeof(NonNullGraphType<>).MakeGenericType(TypeOf(notation[..^1], named))
        : notation.StartsWith('[') && notation.EndsWith(']') ? typeof(ListGraphType<>).MakeGenericType(TypeOf(notation[1..^1], named))
        : named(notation);

    private static Type Find(string name) => Named.TryGetValue(name, out var type) ? type
        : throw new InvalidOperationException($"a declared field is of the type {name}, which DeclaredObjectType.Named does not name");

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
        ["AnswerConnection"] = typeof(AnswerConnectionType),
        ["SenatorConnection"] = typeof(SenatorConnectionType),
        ["MinistryConnection"] = typeof(MinistryConnectionType),
        ["Legislature"] = typeof(LegislatureType),
        ["MinistryStats"] = typeof(MinistryStatsType),
        ["TimelineBucket"] = typeof(TimelineBucketType),
        ["TwinGroupConnection"] = typeof(TwinGroupConnectionType),
        ["Node"] = typeof(NodeInterface),
        ["Dataset"] = typeof(DatasetType),
        ["ChangeFeed"] = typeof(ChangeFeedType),
    };
}
