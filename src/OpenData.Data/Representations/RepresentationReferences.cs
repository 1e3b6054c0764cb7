namespace OpenData.Data.Representations;

/// <summary>
/// The objects by which representations refer to others (a question's ministry, its group, its themes): one schema each,
/// made over the columns of whichever row holds them.
/// </summary>
public static class RepresentationReferences
{
    /// <summary>A ministry by id and name (REST's MinistryRef), from the SQL of each.</summary>
    internal static Representation Ministry(Func<string, string> id, Func<string, string> name) => Representation.Own("MinistryRef", "A ministry, by id and name.",
        new("id", "Long!", "The Senate's ministry id (minid).", id),
        new("name", "String", "Its short name, e.g. Intérieur.", name));

    /// <summary>The ministry a row refers to by its columns <paramref name="prefix"/>_id and _name, where it refers to one (else null).</summary>
    internal static RepresentationField Ministry(string field, string prefix, string description) =>
        RepresentationField.Holding(field, Ministry(r => $"{r}.{prefix}_id", r => $"{r}.{prefix}_name"), description, r => $"{r}.{prefix}_id IS NOT NULL");

    /// <summary>A coded value and its French label (REST's CodeLabel), from the SQL of each.</summary>
    internal static Representation CodeLabel(Func<string, string> code, Func<string, string> label) =>
        Representation.Own("CodeLabel", "A coded value of the Senate's lookups, with its French label.",
            new("code", "String!", "Code as published, e.g. QE.", code),
            new("label", "String", "Label as published, e.g. Question écrite.", label));

    /// <summary>A political group by the code a row holds, and its label (the code when the groups table lacks it).</summary>
    internal static Representation Group(Func<string, string> code) => CodeLabel(code,
        r => $"coalesce((SELECT g.label FROM opendata.political_groups g WHERE g.code = {code(r)}), {code(r)})");

    /// <summary>A resource's own API URL (REST's SelfLink: a question's, the dataset's), from its SQL.</summary>
    internal static Representation SelfLink(Func<string, string> url) => Representation.Own("SelfLink", "The API URL of the resource itself.",
        new RepresentationField("self", "String!", "API URL of this resource.", url));

    /// <summary>A theme (REST's ThemeRef) over a row of columns id and label (a question's are arrays: <see cref="RepresentationField.Zipping"/>).</summary>
    public static readonly Representation Theme = Representation.Own("ThemeRef", "A theme of the Senate's classification.",
        new("id", "Int!", "Theme id (see /v1/themes).", r => $"{r}.id"),
        new("label", "String!", "Theme label.", r => $"{r}.label"));
}
