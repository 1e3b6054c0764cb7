namespace OpenData.Api.GraphQL.Protection;

/// <summary>Limits checked before a GraphQL document runs (configuration section "GraphQL").</summary>
public sealed class GraphQLLimits
{
    public const string Section = "GraphQL";

    /// <summary>Deepest field nesting allowed, leaves and introspection included (GraphiQL's introspection query is 15 deep).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1000)]
    public int MaxDepth { get; set; } = 15;

    /// <summary>Most permits a query, or a REST request's work, may cost (its price, see Protection/Prices.cs): about a second of PostgreSQL time.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, int.MaxValue)]
    public int MaxCost { get; set; } = 10_000;

    /// <summary>Most field selections a query may hold once its fragments are expanded (what validation walks).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, int.MaxValue)]
    public int MaxFields { get; set; } = 2_000;

    /// <summary>Most fields given an alias (other than their name) once fragments are expanded: each is a value to compute for every row.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, int.MaxValue)]
    public int MaxAliases { get; set; } = 100;

    /// <summary>
    /// Most fields one selection set may hold under one response key once fragments are merged (<c>{ a: id a: id }</c> is 2):
    /// validation compares them pair by pair.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, int.MaxValue)]
    public int MaxSameKey { get; set; } = 10;

    /// <summary>Most objects an introspection query may return (GraphiQL's full introspection returns about a thousand).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, int.MaxValue)]
    public int MaxIntrospectionObjects { get; set; } = 10_000;

    /// <summary>Most errors an answer holds: the rest are summed up in the last one.</summary>
    public const int MaxErrors = 100;

    /// <summary>How long a query may validate and run before it is stopped (a 503), in seconds.</summary>
    [System.ComponentModel.DataAnnotations.Range(0.001, 3600)]
    public double TimeoutSeconds { get; set; } = 15;

    /// <summary>Largest GraphQL document accepted, in UTF-8 bytes.</summary>
    public int MaxDocumentBytes { get; set; } = 16 * 1024;

    /// <summary>Largest POST body accepted (document, variables and extensions), in bytes.</summary>
    public int MaxRequestBytes { get; set; } = 64 * 1024;

    /// <summary>Bound of the in-memory store of automatic persisted queries, in documents.</summary>
    public int MaxPersistedQueries { get; set; } = 1_000;

    /// <summary>
    /// Bound of the in-memory cache of parsed and validated documents, in documents (each at most
    /// <see cref="MaxDocumentBytes"/>): a document seen before is neither parsed nor validated again, only planned, compiled and priced.
    /// </summary>
    public int MaxCachedDocuments { get; set; } = 1_000;

    /// <summary>Bound of the in-memory cache of planned queries (a document with its variables), in plans.</summary>
    public int MaxCachedPlans { get; set; } = 1_000;

    /// <summary>
    /// What one client (its quota partition: an address or a key) may hold in each of those three caches, in entries: a
    /// client at this bound replaces its own oldest entry, so one client evicts at most this many of everyone else's.
    /// </summary>
    public int MaxCachedPerClient { get; set; } = 50;

    /// <summary>Where GraphiQL's files are (a node_modules folder); by default the repository's tools/node_modules.</summary>
    public string? IdePath { get; set; }
}

/// <summary>Error codes of the GraphQL endpoint, in errors[].extensions.code.</summary>
public static class GraphQLErrorCodes
{
    public const string MaxDepthExceeded = "MAX_DEPTH_EXCEEDED";
    public const string MaxCostExceeded = "MAX_COST_EXCEEDED";
    public const string MaxFieldsExceeded = "MAX_FIELDS_EXCEEDED";
    public const string MaxAliasesExceeded = "MAX_ALIASES_EXCEEDED";
    public const string SameKeyRepeated = "SAME_KEY_REPEATED";
    public const string FirstOutOfRange = "FIRST_OUT_OF_RANGE";
    public const string QueryTooLarge = "QUERY_TOO_LARGE";
    public const string InvalidRequest = "INVALID_REQUEST";
    public const string QueryMissing = "QUERY_MISSING";
    public const string PersistedQueryNotFound = "PERSISTED_QUERY_NOT_FOUND";
    public const string PersistedQueryHashMismatch = "PERSISTED_QUERY_HASH_MISMATCH";
    public const string PersistedQueryVersion = "PERSISTED_QUERY_VERSION_NOT_SUPPORTED";
}
