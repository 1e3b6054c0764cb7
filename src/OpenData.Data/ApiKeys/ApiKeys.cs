using System.Security.Cryptography;
using Dapper;
using Npgsql;
using System.Text;

namespace OpenData.Data.ApiKeys;

/// <summary>
/// API keys as the importer makes them and the API checks them: <c>od_</c> followed by 32 random bytes in
/// base64url. Only the SHA-256 of the whole key (UTF-8) is stored, in <c>opendata_meta.api_keys</c>.
/// </summary>
public static class ApiKeys
{
    public const string Prefix = "od_";

    /// <summary>A new random key (shown once to whoever creates it, never stored).</summary>
    public static string Generate() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>What the database stores and is searched by.</summary>
    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>Every key not revoked, by the hash the database stores (a few rows: read whole).</summary>
    public static async Task<IReadOnlyList<ApiKeyRow>> ActiveAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<ApiKeyRow>(new CommandDefinition(
            "SELECT key_hash, id, name, tier FROM opendata_meta.api_keys WHERE revoked_at IS NULL", cancellationToken: cancellationToken))).AsList();

    /// <summary>The tier of the keys people create themselves (POST /v1/keys).</summary>
    public const string SelfServiceTier = "self-service";

    /// <summary>
    /// Creates a key on the self-service tier for someone at <paramref name="address"/> (the one function the API's
    /// read-only role may call); its id, or null when that address created <paramref name="perDay"/> keys in the last day.
    /// A name already taken throws PostgreSQL's unique violation.
    /// </summary>
    public static async Task<long?> CreateSelfServiceAsync(NpgsqlConnection connection, string name, string email, byte[] hash, string address, int perDay,
        CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT opendata_meta.create_self_service_key(@name, @email, @hash, @address, @perDay)",
            new { name, email, hash, address, perDay }, cancellationToken: cancellationToken));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>An active API key as stored: its hash, and who it identifies with which tier.</summary>
public sealed record ApiKeyRow(byte[] KeyHash, long Id, string Name, string Tier);
