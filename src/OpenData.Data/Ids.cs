namespace OpenData.Data;

/// <summary>
/// The public ids of questions and senators as clients may type them: found whatever their case, the answers giving
/// the canonical (upper-case) id.
/// </summary>
public static class Ids
{
    /// <summary>The canonical form of a question id (SEQ240611950) or a senator's matricule (08037L).</summary>
    public static string Canonical(string id) => id.Trim().ToUpperInvariant();

    /// <summary>A senator filter's value: canonical when it can be a matricule, as typed otherwise (for the message that says it is not one).</summary>
    public static string SenatorFilter(string value) => CanBeSenator(value) ? Canonical(value) : value;

    /// <summary>
    /// The GraphQL type of the object a public id names, or null: the ids of questions (letters then digits,
    /// SEQ240611950), senators (digits then one letter, 08037L) and ministries (digits, 1019) never meet, so each is a
    /// global id as it is.
    /// </summary>
    public static string? NodeType(string id)
    {
        var canonical = Canonical(id);
        if (canonical.Length is 0 or > 32) return null;
        var letters = canonical.TakeWhile(char.IsAsciiLetterUpper).Count();
        var digits = canonical.Skip(letters).TakeWhile(char.IsAsciiDigit).Count();
        return (letters, digits, canonical.Length - letters - digits) switch
        {
            ( > 0, > 0, 0) => "Question",
            (0, > 0, 0) => canonical.Length <= 9 ? "Ministry" : null,
            (0, > 0, 1) when char.IsAsciiLetterUpper(canonical[^1]) => "Senator",
            _ => null,
        };
    }

    /// <summary>Whether a value can be a senator's matricule: it holds digits (a name never does).</summary>
    public static bool CanBeSenator(string value) => value.Any(char.IsAsciiDigit);
}
