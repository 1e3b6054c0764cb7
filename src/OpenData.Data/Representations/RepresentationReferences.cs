namespace OpenData.Data.Representations;

/// <summary>
/// The objects by which representations refer to others (a question's ministry, its themes), over rows of columns
/// <c>id</c> and <c>name</c> (<c>label</c>): their schemas; each representation writes their SQL from the columns it has.
/// </summary>
public static class RepresentationReferences
{
    public static readonly Representation Ministry = Representation.Own("MinistryRef", "A ministry, by id and name.",
        new("id", "Long!", "The Senate's ministry id (minid).", r => $"{r}.id"),
        new("name", "String", "Its short name, e.g. Intérieur.", r => $"{r}.name"));

    public static readonly Representation Theme = Representation.Own("ThemeRef", "A theme of the Senate's classification.",
        new("id", "Int!", "Theme id (see /v1/themes).", r => $"{r}.id"),
        new("label", "String!", "Theme label.", r => $"{r}.label"));
}
