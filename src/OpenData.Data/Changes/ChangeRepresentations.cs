using OpenData.Data.Graph;
using OpenData.Data.Representations;
using OpenData.Data.Sql;

namespace OpenData.Data.Changes;

/// <summary>
/// REST's entry of the change feed: the declaration's (<see cref="ChangeGraph"/>) but for its position, an int64 in REST,
/// its type and kind, which REST gives in lower case as recorded (GraphQL's are enum values), and the resource's link.
/// </summary>
public static class ChangeRepresentations
{
    public static readonly Representation Change = Representation.Of("ChangeResponse", GraphDeclarations.Change,
        new("seq", "Long!", "Position in the feed: increasing, kept across imports.", r => $"{r}.seq"),
        new("type", "String!", "question, answer (id: its question's), senator or ministry.", r => $"{r}.type"),
        new("kind", "String!", "added, changed or removed (a tombstone: the resource is gone).", r => $"{r}.kind"),
        new("self", "String", "The resource's API URL; null once removed.", r => $"""
            CASE WHEN {r}.kind = 'removed' THEN NULL
                 WHEN {r}.type = 'senator' THEN '/v1/senators/' || {SqlText.UrlEscaped($"{r}.id")}
                 WHEN {r}.type = 'ministry' THEN '/v1/ministries/' || {r}.id
                 ELSE '/v1/questions/' || {SqlText.UrlEscaped($"{r}.id")} END
            """));
}
