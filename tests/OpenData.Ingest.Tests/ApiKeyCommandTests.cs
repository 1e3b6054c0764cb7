using Dapper;
using OpenData.Data.ApiKeys;
using OpenData.Testing;

namespace OpenData.Ingest.Tests;

public sealed class ApiKeyCommandTests : IAsyncLifetime
{
    private TestDatabase database = null!;

    public async Task InitializeAsync()
    {
        database = await TemplateDatabases.MigratedAsync();
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    private Task<IngestTool.Outcome> RunAsync(params string[] args) => IngestTool.RunAsync([.. args, "--connection", database.OwnerConnectionString]);

    [Fact]
    public async Task Create_prints_the_key_once_and_stores_only_its_hash()
    {
        var created = await RunAsync("apikey", "create", "--name", "acme", "--tier", "partner");
        Assert.Equal(0, created.ExitCode);
        var key = created.Output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("od_", StringComparison.Ordinal));
        Assert.Matches("^od_[A-Za-z0-9_-]{43}$", key);

        await using var db = await database.OpenOwnerAsync();
        var (tier, hash) = await db.QuerySingleAsync<(string, byte[])>("SELECT tier, key_hash FROM opendata_meta.api_keys WHERE name = 'acme'");
        Assert.Equal("partner", tier);
        Assert.Equal(ApiKeys.Hash(key), hash);
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM opendata_meta.api_keys WHERE key_hash::text LIKE '%' || @key || '%'", new { key }));

        var list = await RunAsync("apikey", "list");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("acme", list.Output);
        Assert.Contains("partner", list.Output);
        Assert.DoesNotContain(key, list.Output);
        Assert.DoesNotContain(key[3..12], list.Output);

        var second = await RunAsync("apikey", "create", "--name", "other");
        Assert.NotEqual(key, second.Output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("od_", StringComparison.Ordinal)));
        Assert.Contains("standard", (await RunAsync("apikey", "list")).Output); // the default tier
    }

    [Fact]
    public async Task A_name_is_unique_and_a_tier_is_a_plain_name()
    {
        Assert.Equal(0, (await RunAsync("apikey", "create", "--name", "dup", "--tier", "standard")).ExitCode);
        var duplicate = await RunAsync("apikey", "create", "--name", "dup", "--tier", "standard");
        Assert.Equal(1, duplicate.ExitCode);
        Assert.Contains("already exists", duplicate.Error);
        Assert.DoesNotContain("od_", duplicate.Output);

        var badTier = await RunAsync("apikey", "create", "--name", "x", "--tier", "a b");
        Assert.Equal(1, badTier.ExitCode);
        Assert.Contains("--tier", badTier.Error);
    }

    [Fact]
    public async Task Revoke_by_name_or_id_marks_the_key_revoked()
    {
        await RunAsync("apikey", "create", "--name", "one");
        await RunAsync("apikey", "create", "--name", "two");

        var byName = await RunAsync("apikey", "revoke", "--name", "one");
        Assert.Equal(0, byName.ExitCode);
        Assert.Contains("revoked key 1 'one'", byName.Output);
        var byId = await RunAsync("apikey", "revoke", "--id", "2");
        Assert.Equal(0, byId.ExitCode);
        Assert.Contains("'two'", byId.Output);

        var again = await RunAsync("apikey", "revoke", "--name", "one");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("no active key", again.Error);
        Assert.Equal(1, (await RunAsync("apikey", "revoke")).ExitCode);

        await using var db = await database.OpenOwnerAsync();
        Assert.Equal(2, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM opendata_meta.api_keys WHERE revoked_at IS NOT NULL"));
        var list = (await RunAsync("apikey", "list")).Output;
        Assert.DoesNotMatch(@"\bone\b.* -\s*$", list);
    }

    [Fact]
    public async Task The_api_role_may_read_keys_but_not_write_them()
    {
        await RunAsync("apikey", "create", "--name", "reader-test");
        await using var reader = new Npgsql.NpgsqlConnection(database.ReaderConnectionString);
        await reader.OpenAsync();
        Assert.Equal(1, await reader.ExecuteScalarAsync<int>("SELECT count(*) FROM opendata_meta.api_keys"));
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => reader.ExecuteAsync("UPDATE opendata_meta.api_keys SET revoked_at = now()"));
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => reader.ExecuteAsync("INSERT INTO opendata_meta.api_keys (name, tier, key_hash) VALUES ('x', 'partner', decode(repeat('00', 32), 'hex'))"));
    }

    [Fact]
    public async Task Apikey_has_help()
    {
        var help = await IngestTool.RunAsync("apikey", "create", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--tier", help.Output);
    }
}
