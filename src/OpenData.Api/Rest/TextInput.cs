using OpenData.Data.Sql;

namespace OpenData.Api.Rest;

/// <summary>The one rule for text a client sends (REST parameters, GraphQL strings and ids): short, printable, valid Unicode.</summary>
public static class TextInput
{
    public const int MaxLength = SqlText.MaxClientText;

    /// <summary>What is wrong with <paramref name="value"/>, or null when it is acceptable.</summary>
    public static string? Problem(string value)
    {
        if (value.Length > MaxLength) return $"is longer than {MaxLength} characters";
        if (!SqlText.IsStorable(value)) return "is not valid Unicode text (a NUL character or a lone surrogate)";
        foreach (var c in value)
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
                return $"contains the control character U+{(int)c:X4}";
        return null;
    }
}
