using GraphQL.Types;
using GraphQLParser.AST;
using OpenData.Api.Rest;

namespace OpenData.Api.GraphQL.Types;

/// <summary>
/// GraphQL's String, holding its inputs to the API's text rule (<see cref="TextInput"/>): a value too long, with a
/// control character or malformed Unicode is a validation error naming the argument or variable, not a failed query.
/// Registered under the built-in's name, so the schema is unchanged.
/// </summary>
public sealed class CheckedStringGraphType : StringGraphType
{
    public CheckedStringGraphType() => Name = "String";

    // Output is not input: a question's text or a type's description may be long (the base serializes through ParseValue).
    public override object? Serialize(object? value) => value is null or string ? value : base.Serialize(value);

    public override object? ParseLiteral(GraphQLValue value) => Check(base.ParseLiteral(value));

    public override object? ParseValue(object? value) => Check(base.ParseValue(value));

    internal static object? Check(object? value) =>
        value is string text && TextInput.Problem(text) is { } problem ? throw new FormatException($"The text {problem}.") : value;
}

/// <summary>GraphQL's ID, holding its inputs to the same rule as <see cref="CheckedStringGraphType"/>.</summary>
public sealed class CheckedIdGraphType : IdGraphType
{
    public CheckedIdGraphType() => Name = "ID";

    public override object? Serialize(object? value) => value is null or string ? value : base.Serialize(value);

    public override object? ParseLiteral(GraphQLValue value) => CheckedStringGraphType.Check(base.ParseLiteral(value));

    public override object? ParseValue(object? value) => CheckedStringGraphType.Check(base.ParseValue(value));
}
