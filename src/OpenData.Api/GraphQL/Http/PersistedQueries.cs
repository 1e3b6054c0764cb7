using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OpenData.Api.GraphQL.Protection;

namespace OpenData.Api.GraphQL.Http;

/// <summary>
/// Automatic persisted queries (Apollo's protocol): a client sends only the SHA-256 of a document it
/// registered before, so GET requests stay short and cacheable. The store is in memory, per process and
/// bounded (<see cref="GraphQLLimits.MaxPersistedQueries"/>, oldest registrations evicted first): a client
/// that misses simply registers again, as the protocol expects.
/// </summary>
public sealed class PersistedQueryStore(IOptions<GraphQLLimits> options)
{
    private readonly ConcurrentDictionary<string, string> documents = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> order = new();

    public bool TryGet(string hash, out string query) => documents.TryGetValue(hash.ToLowerInvariant(), out query!);

    /// <summary>Keeps the document under its hash, once it is known to match.</summary>
    public void Register(string hash, string query)
    {
        if (!documents.TryAdd(hash.ToLowerInvariant(), query)) return;
        order.Enqueue(hash.ToLowerInvariant());
        while (documents.Count > options.Value.MaxPersistedQueries && order.TryDequeue(out var oldest))
            documents.TryRemove(oldest, out _);
    }

    public static string Hash(string query) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(query)));
}
