using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using OpenData.Data;
using OpenData.Data.ApiKeys;

namespace OpenData.Ingest.Cli;

/// <summary>
/// <c>apikey create|list|revoke</c>: API keys for the rate limiter's tiers. A key is printed once, at
/// creation; the database keeps only its SHA-256, so a lost key is revoked and replaced, never recovered.
/// </summary>
internal static partial class ApiKeyCommand
{
    public static Command Create(Option<string?> connection, TextWriter output)
    {
        var command = new Command("apikey", "Manages API keys (X-Api-Key): each key has a name and a rate-limit tier (e.g. standard, partner).")
        {
            Subcommands = { CreateKey(connection, output), List(connection, output), Revoke(connection, output) },
        };
        return command;
    }

    private static Command CreateKey(Option<string?> connection, TextWriter output)
    {
        var name = new Option<string>("--name") { Description = "Who the key is for (unique), e.g. an organisation or project", Required = true };
        var tier = new Option<string>("--tier")
        {
            Description = "Rate-limit tier, as configured in the API under RateLimiting:Tiers (built in: standard, partner)",
            DefaultValueFactory = _ => "standard",
        };
        var command = new Command("create", "Creates a key and prints it once: only its hash is stored.") { name, tier };
        command.SetAction(async (result, cancellationToken) =>
        {
            var keyName = result.GetValue(name)!.Trim();
            var keyTier = result.GetValue(tier)!.Trim();
            if (keyName.Length == 0)
                return await UsageError(result, "--name must not be empty");
            if (!TierName().IsMatch(keyTier))
                return await UsageError(result, $"--tier '{keyTier}' is not a tier name (letters, digits, '-' and '_')");

            await using var dataSource = Database.CreateDataSource(IngestCli.ConnectionString(result, connection), "opendata-ingest");
            await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
            var key = ApiKeys.Generate();
            var id = await db.ExecuteScalarAsync<long?>(new CommandDefinition("""
                INSERT INTO opendata_meta.api_keys (name, tier, key_hash) VALUES (@keyName, @keyTier, @hash)
                ON CONFLICT (name) DO NOTHING RETURNING id
                """, new { keyName, keyTier, hash = ApiKeys.Hash(key) }, cancellationToken: cancellationToken));
            if (id is null)
                return await UsageError(result, $"a key named '{keyName}' already exists (revoked keys keep their name): choose another name");
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"created key {id} '{keyName}' (tier {keyTier}); it is shown only now:"));
            await output.WriteLineAsync(key);
            return 0;
        });
        return command;
    }

    private static Command List(Option<string?> connection, TextWriter output)
    {
        var command = new Command("list", "Lists the keys (id, name, tier, created, revoked); never the keys themselves.");
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var dataSource = Database.CreateDataSource(IngestCli.ConnectionString(result, connection), "opendata-ingest");
            await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
            var keys = (await db.QueryAsync<(long Id, string Name, string Tier, DateTime CreatedAt, DateTime? RevokedAt)>(new CommandDefinition(
                "SELECT id, name, tier, created_at, revoked_at FROM opendata_meta.api_keys ORDER BY id", cancellationToken: cancellationToken))).ToList();
            if (keys.Count == 0)
            {
                await output.WriteLineAsync("no API keys");
                return 0;
            }
            await output.WriteLineAsync($"{"id",6}  {"name",-24} {"tier",-12} {"created",-20} revoked");
            foreach (var (id, keyName, tier, createdAt, revokedAt) in keys)
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{id,6}  {keyName,-24} {tier,-12} {createdAt.ToUniversalTime():u} {(revokedAt is { } r ? r.ToUniversalTime().ToString("u", CultureInfo.InvariantCulture) : "-")}"));
            return 0;
        });
        return command;
    }

    private static Command Revoke(Option<string?> connection, TextWriter output)
    {
        var name = new Option<string?>("--name") { Description = "The key's name" };
        var id = new Option<long?>("--id") { Description = "The key's id (see apikey list)" };
        var command = new Command("revoke", "Revokes a key by name or id: the API answers 401 to it within a minute (its cache lasts 30 s by default).") { name, id };
        command.SetAction(async (result, cancellationToken) =>
        {
            var keyName = result.GetValue(name);
            var keyId = result.GetValue(id);
            if (keyName is null == keyId is null)
                return await UsageError(result, "give either --name or --id");

            await using var dataSource = Database.CreateDataSource(IngestCli.ConnectionString(result, connection), "opendata-ingest");
            await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
            var revoked = await db.QueryAsync<(long Id, string Name)>(new CommandDefinition("""
                UPDATE opendata_meta.api_keys SET revoked_at = now()
                WHERE revoked_at IS NULL AND (name = @keyName OR id = @keyId)
                RETURNING id, name
                """, new { keyName, keyId }, cancellationToken: cancellationToken));
            var (revokedId, revokedName) = revoked.FirstOrDefault();
            if (revokedName is null)
                return await UsageError(result, $"no active key {(keyName is null ? $"with id {keyId}" : $"named '{keyName}'")}");
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"revoked key {revokedId} '{revokedName}'"));
            return 0;
        });
        return command;
    }

    private static async Task<int> UsageError(ParseResult result, string message)
    {
        await result.InvocationConfiguration.Error.WriteLineAsync($"error: {message}");
        return 1;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    private static partial Regex TierName();
}
