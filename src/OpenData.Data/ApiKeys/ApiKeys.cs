using System.Security.Cryptography;
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

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
