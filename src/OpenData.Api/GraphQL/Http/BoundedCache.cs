using System.Diagnostics.CodeAnalysis;
using System.Collections.Concurrent;

namespace OpenData.Api.GraphQL.Http;

/// <summary>A thread-safe in-memory map of at most <c>capacity</c> entries: the oldest additions go first.</summary>
public sealed class BoundedCache<T>(Func<int> capacity) where T : class
{
    private readonly ConcurrentDictionary<string, T> entries = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> order = new();

    public bool TryGet(string key, [MaybeNullWhen(false)] out T value) => entries.TryGetValue(key, out value);

    public void Add(string key, T value)
    {
        if (!entries.TryAdd(key, value)) return;
        order.Enqueue(key);
        while (entries.Count > capacity() && order.TryDequeue(out var oldest))
            entries.TryRemove(oldest, out _);
    }
}
