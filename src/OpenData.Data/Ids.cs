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

    /// <summary>Whether a value can be a senator's matricule: it holds digits (a name never does).</summary>
    public static bool CanBeSenator(string value) => value.Any(char.IsAsciiDigit);
}
