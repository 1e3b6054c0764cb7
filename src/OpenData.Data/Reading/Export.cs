namespace OpenData.Data.Reading;

/// <summary>An export's total and its rows, read by one command: the total is known once the first row (or the end) has been read.</summary>
public sealed record Export<T>(Deferred<long> Total, IAsyncEnumerable<T> Rows);
