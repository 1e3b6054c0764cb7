using System.Diagnostics.CodeAnalysis;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;
using OpenData.Api.GraphQL.Protection;

namespace OpenData.Api.GraphQL.Http;

/// <summary>
/// Documents that parsed and passed validation, by their text (bounded by
/// <see cref="GraphQLLimits.MaxCachedDocuments"/>): clients send the same few documents with new variables,
/// and parsing and validating them again cost as much as running them.
/// </summary>
public sealed class ValidatedDocuments(IOptions<GraphQLLimits> options)
{
    private readonly BoundedCache<GraphQLDocument> documents = new(() => options.Value.MaxCachedDocuments, () => options.Value.MaxCachedPerClient);

    public bool TryGet(string query, [MaybeNullWhen(false)] out GraphQLDocument document) => documents.TryGet(query, out document);

    public void Add(string query, GraphQLDocument document, string client) => documents.Add(query, document, client);
}
