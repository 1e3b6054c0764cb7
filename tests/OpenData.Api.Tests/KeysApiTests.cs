using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static OpenData.Api.Tests.RateLimitingTests;

namespace OpenData.Api.Tests;

/// <summary>Keys people can get: created at once on the self-service tier, usable at once, a few a day per address, a unique name, revocable, and off when the operator says so.</summary>
public sealed class KeysApiTests(SmallDataset dataset) : IClassFixture<SmallDataset>
{
    [Fact]
    public async Task A_key_comes_at_once_on_the_self_service_tier_and_serves_at_once()
    {
        await using var api = WithPeerHeader(new ApiFactory(dataset.Database.ReaderConnectionString));
        var client = api.CreateClient();
        var created = await CreateAsync(client, "10.9.0.1", "appli-civique", "contact@example.org");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("no-store", created.Headers.CacheControl!.ToString());
        // Priced as the write it is: the request's permit and Prices.KeyCreation - 1 more.
        Assert.Equal((100_000_000 - OpenData.Api.Protection.Prices.KeyCreation).ToString(), Header(created, "RateLimit-Remaining"));
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var key = body.GetProperty("key").GetString()!;
        Assert.StartsWith("od_", key);
        Assert.Equal("self-service", body.GetProperty("tier").GetString());

        var used = await Get(client, "/v1/dataset", "10.9.0.2", apiKey: key);
        Assert.Equal(HttpStatusCode.OK, used.StatusCode);
        Assert.Equal(body.GetProperty("permitLimit").GetInt64().ToString(), Header(used, "RateLimit-Limit"));
        Assert.Equal(1, await dataset.Database.ScalarAsync<long>("SELECT count(*) FROM opendata_meta.api_keys WHERE name = 'appli-civique' AND email = 'contact@example.org' AND tier = 'self-service'"));
        Assert.Equal(0, await dataset.Database.ScalarAsync<long>($"SELECT count(*) FROM opendata_meta.api_keys WHERE key_hash = sha256(convert_to('{key}', 'UTF8')) AND revoked_at IS NOT NULL"));
    }

    [Fact]
    public async Task One_address_gets_a_few_keys_a_day_names_are_unique_and_mistakes_are_400s()
    {
        await using var api = WithPeerHeader(new ApiFactory(dataset.Database.ReaderConnectionString, new Dictionary<string, string> { ["RateLimiting:SelfServiceKeys:PerAddressPerDay"] = "2" }));
        var client = api.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(client, "10.9.1.1", "premiere", "a@example.org")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await CreateAsync(client, "10.9.1.2", "premiere", "b@example.org")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(client, "10.9.1.1", "deuxieme", "a@example.org")).StatusCode);
        var third = await CreateAsync(client, "10.9.1.1", "troisieme", "a@example.org");
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.NotNull(third.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(client, "10.9.1.3", "troisieme", "c@example.org")).StatusCode); // another address

        var bad = await CreateAsync(client, "10.9.1.4", "", "not-an-address");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _) && errors.TryGetProperty("email", out _), errors.ToString());
    }

    [Fact]
    public async Task The_operator_can_turn_it_off()
    {
        await using var api = WithPeerHeader(new ApiFactory(dataset.Database.ReaderConnectionString, new Dictionary<string, string> { ["RateLimiting:SelfServiceKeys:Enabled"] = "false" }));
        Assert.Equal(HttpStatusCode.NotFound, (await CreateAsync(api.CreateClient(), "10.9.2.1", "eteint", "a@example.org")).StatusCode);
    }

    [Fact]
    public async Task The_api_role_can_create_a_self_service_key_and_nothing_else()
    {
        await using var reader = new Npgsql.NpgsqlConnection(dataset.Database.ReaderConnectionString);
        await reader.OpenAsync();
        var insert = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => Dapper.SqlMapper.ExecuteAsync(reader,
            "INSERT INTO opendata_meta.api_keys (name, tier, key_hash) VALUES ('sneaky', 'partner', sha256('x'))"));
        Assert.Equal(Npgsql.PostgresErrorCodes.InsufficientPrivilege, insert.SqlState);
        var id = await Dapper.SqlMapper.ExecuteScalarAsync<long?>(reader, "SELECT opendata_meta.create_self_service_key('fonction', 'f@example.org', sha256('y'), 'ip:10.9.3.1', 3)");
        Assert.NotNull(id);
        Assert.Equal("self-service", await dataset.Database.ScalarAsync<string>($"SELECT tier FROM opendata_meta.api_keys WHERE id = {id}"));
    }

    private static Task<HttpResponseMessage> CreateAsync(HttpClient client, string peer, string name, string email)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/keys") { Content = JsonContent.Create(new { name, email }) };
        request.Headers.Add("X-Test-Peer", peer);
        return client.SendAsync(request);
    }
}
