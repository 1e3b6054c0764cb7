using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OpenData.Api.GraphQL.Protection;

namespace OpenData.Api.GraphQL.Http;

/// <summary>
/// Automatic persisted queries (Apollo's protocol): a client sends only the SHA-256 of a document it
/// registered before, so GET requests stay short and cacheable. The store is in memory, per process and
/// bounded (<see cref="GraphQLLimits.MaxPersistedQueries"/>, oldest registrations evicted first, at most
/// <see cref="GraphQLLimits.MaxCachedPerClient"/> per client): a client that misses simply registers again, as the protocol expects.
/// </summary>
public sealed class PersistedQueryStore(IOptions<GraphQLLimits> options)
{
    private readonly BoundedCache<string> documents = new(() => options.Value.MaxPersistedQueries, () => options.Value.MaxCachedPerClient);

    public bool TryGet(string hash, [MaybeNullWhen(false)] out string query) => documents.TryGet(hash.ToLowerInvariant(), out query);

    /// <summary>Keeps the document under its hash, once it is known to match, among those of <paramref name="client"/>.</summary>
    public void Register(string hash, string query, string client) => documents.Add(hash.ToLowerInvariant(), query, client);

    public static string Hash(string query) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(query)));
}
