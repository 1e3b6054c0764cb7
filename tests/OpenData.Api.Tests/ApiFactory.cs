using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OpenData.Api.Tests;

/// <summary>
/// The real API host, in-process, on the given database through the read-only role; on the clock of the test when it
/// gives one (a FakeTimeProvider: quota windows and caches then move when the test advances it, not with time).
/// </summary>
public sealed class ApiFactory(string connectionString, IReadOnlyDictionary<string, string>? settings = null, TimeProvider? time = null) : WebApplicationFactory<Program>
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
        // Prices are asserted exactly: a batch slowed by the loaded machine is not billed (PricingTests bills one on purpose).
        builder.UseSetting("RateLimiting:BillBeyondMilliseconds", "60000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        if (time is not null) builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton(time)));
    }

    /// <summary>This host with services of the test's added (a counter, a check).</summary>
    public Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> WithServices(Action<IServiceCollection> configure) =>
        WithWebHostBuilder(builder => builder.ConfigureTestServices(configure));
}
