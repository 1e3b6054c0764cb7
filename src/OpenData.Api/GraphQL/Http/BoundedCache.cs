using System.Diagnostics.CodeAnalysis;

namespace OpenData.Api.GraphQL.Http;

/// <summary>
/// A thread-safe in-memory map of at most <c>capacity</c> entries, the oldest additions going first, in which one owner
/// (a client's quota partition) holds at most <c>perOwner</c> entries: an owner at its limit replaces its own oldest
/// entry, so that one client can never evict more than <c>perOwner</c> of everyone else's, however much it adds.
/// </summary>
public sealed class BoundedCache<T>(Func<int> capacity, Func<int> perOwner) where T : class
{
    private sealed class Entry(string key, T value, string owner)
    {
        public string Key { get; } = key;
        public T Value { get; } = value;
        public string Owner { get; } = owner;
        /// <summary>Its place among its owner's entries, oldest first.</summary>
        public LinkedListNode<LinkedListNode<Entry>>? Owned { get; set; }
    }

    private readonly Lock gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> order = new();
    // Each owner's entries, oldest first: an owner at its limit finds its oldest without walking everyone's.
    private readonly Dictionary<string, LinkedList<LinkedListNode<Entry>>> owned = new(StringComparer.Ordinal);

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
            if (owned.TryGetValue(owner, out var mine) && mine.Count >= Math.Max(1, perOwner())) Remove(mine.First!.Value);
            var node = order.AddLast(new Entry(key, value, owner));
            entries[key] = node;
            if (!owned.TryGetValue(owner, out mine)) owned[owner] = mine = new LinkedList<LinkedListNode<Entry>>();
            node.Value.Owned = mine.AddLast(node);
            while (entries.Count > capacity() && order.First is { } oldest) Remove(oldest);
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        order.Remove(node);
        entries.Remove(node.Value.Key);
        var mine = owned[node.Value.Owner];
        mine.Remove(node.Value.Owned!);
        if (mine.Count == 0) owned.Remove(node.Value.Owner);
    }
}
