namespace OpenData.Data.Reading;

/// <summary>
/// An export's total and its rows, read by one command: the total is known once the first row (or the end) has been
/// read. <paramref name="Limit"/> is the most rows asked for (null: all).
/// </summary>
public sealed record Export<T>(Deferred<long> Total, IAsyncEnumerable<T> Rows, int? Limit)
{
    /// <summary>The most rows the export sends, once the total is known.</summary>
    public long MostRows => Limit is { } limit ? Math.Min(limit, Total.Value) : Total.Value;
}
