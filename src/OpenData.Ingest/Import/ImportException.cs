namespace OpenData.Ingest.Import;

/// <summary>An import that cannot go on for a reason other than the files' content (database state, a concurrent import).</summary>
public sealed class ImportException(string message, Exception? inner = null) : Exception(message, inner);
