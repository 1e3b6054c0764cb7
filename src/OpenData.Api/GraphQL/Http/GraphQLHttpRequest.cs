using System.Text.Json;
using OpenData.Api.GraphQL.Protection;
using OpenData.Api.Rest;

namespace OpenData.Api.GraphQL.Http;

/// <summary>A GraphQL-over-HTTP request: from a GET's query string or a POST's JSON body.</summary>
public sealed record GraphQLHttpRequest(string? Query, string? OperationName, string? VariablesJson, JsonElement? Extensions)
{
    /// <summary>Thrown for a request that is not a GraphQL request at all (bad JSON, wrong shapes): a 400 with a GraphQL error.</summary>
    public sealed class InvalidException(string message) : Exception(message);

    public static GraphQLHttpRequest FromQueryString(IQueryCollection query)
    {
        foreach (var (key, values) in query)
            if (values.Count > 1) throw new InvalidException($"the parameter {key} is given more than once");
        return new(query["query"].FirstOrDefault(), query["operationName"].FirstOrDefault(),
            Object(query["variables"].FirstOrDefault(), "variables")?.GetRawText(), Object(query["extensions"].FirstOrDefault(), "extensions"));
    }

    public static async Task<GraphQLHttpRequest> FromBodyAsync(HttpRequest request, GraphQLLimits limits, CancellationToken cancellationToken)
    {
        if (request.ContentType is not { } contentType || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            throw new ApiProblemException(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "POST /graphql takes a JSON body: Content-Type: application/json with {\"query\", \"variables\", \"operationName\"}.");
        if (request.ContentLength > limits.MaxRequestBytes) throw TooLarge(limits);

        // Read into a pooled buffer: a request's body is at most MaxRequestBytes.
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent((int)Math.Clamp(request.ContentLength ?? 4096, 1, limits.MaxRequestBytes) + 1);
        try
        {
            var length = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
                if (length > limits.MaxRequestBytes) throw TooLarge(limits);
                if (length == buffer.Length)
                {
                    var larger = System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limits.MaxRequestBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }
            return Parse(buffer.AsMemory(0, length));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static GraphQLHttpRequest Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new InvalidException($"the body is not valid JSON: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new InvalidException("the body must be a JSON object {\"query\", \"variables\", \"operationName\", \"extensions\"}; batched requests (arrays) are not supported");
            try
            {
                return new(Text(root, "query"), Text(root, "operationName"), Member(root, "variables")?.GetRawText(), Member(root, "extensions")?.Clone());
            }
            catch (InvalidOperationException)
            {
                // JSON's parser checks the structure, not the bytes inside strings: text is read (transcoded) here.
                throw new InvalidException("the body holds bytes that are not UTF-8 text");
            }
        }
    }

    private static ApiProblemException TooLarge(GraphQLLimits limits) =>
        new(StatusCodes.Status413RequestEntityTooLarge, "Request too large", $"A GraphQL request body is at most {limits.MaxRequestBytes} bytes.");

    private static string? Text(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.String) throw new InvalidException($"{name} must be a string");
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            throw new InvalidException($"{name} is not Unicode text (bytes that are not UTF-8, or an escaped lone surrogate)");
        }
    }

    private static JsonElement? Member(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.Object ? value
        : throw new InvalidException($"{name} must be a JSON object");

    private static JsonElement? Object(string? json, string name)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind switch
            {
                JsonValueKind.Object => document.RootElement.Clone(),
                JsonValueKind.Null => null,
                _ => throw new InvalidException($"{name} must be a JSON object"),
            };
        }
        catch (JsonException e)
        {
            throw new InvalidException($"{name} is not valid JSON: {e.Message}");
        }
    }
}
