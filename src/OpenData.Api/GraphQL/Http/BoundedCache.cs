using System.Diagnostics.CodeAnalysis;

namespace OpenData.Api.GraphQL.Http;

/// <summary>
/// A thread-safe in-memory map of at most <c>capacity</c> entries, the oldest additions going first, in which one owner
/// (a client's quota partition) holds at most <c>perOwner</c> entries: an owner at its limit replaces its own oldest
/// entry, so that one client can never evict more than <c>perOwner</c> of everyone else's, however much it adds.
/// </summary>
public sealed class BoundedCache<T>(Func<int> capacity, Func<int> perOwner) where T : class
{
    private sealed record Entry(string Key, T Value, string Owner);

    private readonly Lock gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> order = new();
    private readonly Dictionary<string, int> owned = new(StringComparer.Ordinal);

    public int Count
    {
        get
        {
            lock (gate) return entries.Count;
        }
    }

    public bool TryGet(string key, [MaybeNullWhen(false)] out T value)
    {
        lock (gate)
        {
            value = entries.TryGetValue(key, out var node) ? node.Value.Value : null;
            return value is not null;
        }
    }

    public void Add(string key, T value, string owner)
    {
        lock (gate)
        {
            if (entries.ContainsKey(key)) return;
            if (owned.GetValueOrDefault(owner) >= Math.Max(1, perOwner()))
            {
                for (var node = order.First; node is not null; node = node.Next)
                    if (node.Value.Owner == owner)
                    {
                        Remove(node);
                        break;
                    }
            }
            entries[key] = order.AddLast(new Entry(key, value, owner));
            owned[owner] = owned.GetValueOrDefault(owner) + 1;
            while (entries.Count > capacity() && order.First is { } oldest) Remove(oldest);
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        order.Remove(node);
        entries.Remove(node.Value.Key);
        if (--owned[node.Value.Owner] == 0) owned.Remove(node.Value.Owner);
    }
}
