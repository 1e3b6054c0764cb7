using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace OpenData.Api.Tests;

/// <summary>The real API host, in-process, on the given database through the read-only role.</summary>
public sealed class ApiFactory(string connectionString, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    /// <summary>A connection string to a port nothing listens on: the database is "down".</summary>
    public const string UnreachableDatabase = "Host=127.0.0.1;Port=1;Username=opendata_reader;Password=x;Database=opendata;Timeout=2";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:OpenData", connectionString);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Every test client comes from one address: quotas are tested on purpose, with small limits, in RateLimitingTests.
        builder.UseSetting("RateLimiting:Anonymous:PermitLimit", "100000000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
    }
}
