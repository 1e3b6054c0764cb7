using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenData.Api.Infrastructure;
using OpenData.Api.Protection;
using OpenData.Api.Rest;
using OpenData.Data.ApiKeys;

namespace OpenData.Api.Features;

/// <summary>
/// POST /v1/keys: a key at once, on the self-service tier (a larger quota than anonymous), at most a few a day from one
/// address. The API's read-only role creates it through the one database function it may call
/// (opendata_meta.create_self_service_key); the operator revokes it with the importer's CLI, or turns the endpoint off.
/// </summary>
public static class KeysApi
{
    public const int MaxNameLength = 100;
    public const int MaxEmailLength = 254;

    public static void MapKeysApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/v1/keys", CreateAsync)
            .WithName("CreateKey").WithTags("Keys")
            .WithSummary("Get an API key at once (self-service tier)")
            .WithDescription("A JSON body {name, email}: the key comes back once (only its SHA-256 is kept), on the self-service tier. " +
                "Send it as X-Api-Key or Authorization: Bearer. At most a few keys a day from one address (429 beyond); a name is unique (409). " +
                "The operator may turn this off (404) and revokes keys with `opendata-ingest apikey revoke`.")
            .Accepts<KeyRequest>("application/json")
            .WithMetadata(new RequestExample(new System.Text.Json.Nodes.JsonObject { ["name"] = "mon-application-civique", ["email"] = "contact@example.org" }))
            .Produces<KeyCreatedResponse>(StatusCodes.Status201Created, "application/json")
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async Task<IResult> CreateAsync(HttpContext http, IOptions<RateLimitingOptions> options,
        NpgsqlDataSource dataSource, QuotaCharge charge, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.SelfServiceKeys.Enabled)
            throw ApiProblemException.NotFound("Self-service keys are turned off on this server: ask its operator for a key.");
        var request = await ReadAsync(http, cancellationToken);
        // Paid before the write, on the request pool (the background pool's three connections serve readiness).
        await charge.TakeAsync(http, Prices.KeyCreation - 1, $"Creating a key costs {Prices.KeyCreation} permits.");
        var key = ApiKeys.Generate();
        var hash = ApiKeys.Hash(key);
        long? id;
        try
        {
            // With several hosts (standbys for reading), the key is written on the primary.
            var writable = dataSource is NpgsqlMultiHostDataSource hosts ? hosts.WithTargetSession(TargetSessionAttributes.ReadWrite) : dataSource;
            await using var connection = await writable.OpenConnectionAsync(cancellationToken);
            id = await ApiKeys.CreateSelfServiceAsync(connection, request.Name!, request.Email!, hash,
                QuotaMiddleware.IpPartition(http.Connection.RemoteIpAddress), settings.SelfServiceKeys.PerAddressPerDay, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new ApiProblemException(StatusCodes.Status409Conflict, "Name taken", $"A key named '{request.Name}' exists: choose another name.");
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ReadOnlySqlTransaction)
        {
            throw new ApiProblemException(StatusCodes.Status503ServiceUnavailable, "Keys are not created here",
                "This instance reaches no writable primary: keys are created on the primary. Retry later.") { RetryAfterSeconds = ApiProblems.RetryAfterSeconds };
        }
        if (id is null)
            throw new ApiProblemException(StatusCodes.Status429TooManyRequests, "Too many keys",
                $"This address created {Math.Min(settings.SelfServiceKeys.PerAddressPerDay, 10)} keys in the last day: retry tomorrow, or use one of them.") { RetryAfterSeconds = 86_400 };
        var tier = settings.Tiers.GetValueOrDefault(ApiKeys.SelfServiceTier) ?? settings.Anonymous;
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created((string?)null, new KeyCreatedResponse(key, request.Name!, ApiKeys.SelfServiceTier, tier.PermitLimit, tier.WindowSeconds,
            "Shown once: only its SHA-256 is kept. Send it as X-Api-Key or Authorization: Bearer."));
    }

    private static async Task<KeyRequest> ReadAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (!(http.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ?? false))
            throw new ApiProblemException(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send a JSON body {\"name\": …, \"email\": …} as application/json.");
        KeyRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<KeyRequest>(http.Request.Body, JsonSerializerOptions.Web, cancellationToken);
        }
        catch (JsonException)
        {
            throw ApiProblemException.BadParameter("body", "not a JSON object {\"name\": …, \"email\": …}");
        }
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request?.Name)) errors["name"] = ["is required: a name for the application or the person using the key"];
        else if (request.Name.Length > MaxNameLength || TextInput.Problem(request.Name) is not null)
            errors["name"] = [$"must be printable text of at most {MaxNameLength} characters"];
        if (string.IsNullOrWhiteSpace(request?.Email)) errors["email"] = ["is required: where the operator can reach the key's user"];
        else if (request.Email.Length > MaxEmailLength || TextInput.Problem(request.Email) is not null || request.Email.Trim().IndexOf('@') is < 1 || request.Email.Trim().EndsWith('@'))
            errors["email"] = ["is not an e-mail address"];
        if (errors.Count > 0) throw ApiProblemException.BadRequest(errors);
        return request! with { Name = request.Name!.Trim(), Email = request.Email!.Trim() };
    }
}

/// <summary>What POST /v1/keys takes.</summary>
/// <param name="Name">A name for the application or the person using the key (unique, at most 100 characters).</param>
/// <param name="Email">Where the operator can reach the key's user.</param>
public sealed record KeyRequest(string? Name, string? Email) : IRequestBody;

/// <summary>A key just created: shown once.</summary>
/// <param name="Key">The key: send it as X-Api-Key or Authorization: Bearer.</param>
/// <param name="Name">The name it was created under.</param>
/// <param name="Tier">Its tier: self-service.</param>
/// <param name="PermitLimit">Permits per window of its tier.</param>
/// <param name="WindowSeconds">Length of its tier's window, in seconds.</param>
/// <param name="Note">How to use it.</param>
public sealed record KeyCreatedResponse(string Key, string Name, string Tier, long PermitLimit, double WindowSeconds, string Note);
