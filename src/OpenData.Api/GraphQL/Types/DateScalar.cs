using System.Globalization;
using GraphQL.Types;
using GraphQLParser.AST;

namespace OpenData.Api.GraphQL.Types;

/// <summary>A calendar date in ISO 8601 (yyyy-MM-dd), as everywhere in the API.</summary>
public sealed class DateScalar : ScalarGraphType
{
    private const string Format = "yyyy-MM-dd";

    public DateScalar()
    {
        Name = "Date";
        Description = "A calendar date in ISO 8601 format, yyyy-MM-dd (e.g. 2024-06-06).";
    }

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        DateOnly date => date.ToString(Format, CultureInfo.InvariantCulture),
        DateTime time => DateOnly.FromDateTime(time).ToString(Format, CultureInfo.InvariantCulture),
        _ => ThrowSerializationError(value),
    };

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        DateOnly date => date,
        string text => Parse(text),
        _ => ThrowValueConversionError(value),
    };

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLStringValue text => Parse((string)text.Value),
        _ => ThrowLiteralConversionError(value),
    };

    private static DateOnly Parse(string text) =>
        DateOnly.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new FormatException($"'{text}' is not a date in the format {Format}.");
}
