using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace OpenData.Api.Tests;

/// <summary>What costs no quota stays cheap: the OpenAPI document is built once, readiness probes the database once a second.</summary>
public sealed class CheapEndpointsTests(SmallDataset dataset) : IClassFixture<SmallDataset>
{
    [Fact]
    public async Task The_openapi_document_is_built_once_and_revalidated_with_its_etag()
    {
        var builds = new Counter();
        await using var api = new ApiFactory(dataset.Database.ReaderConnectionString).WithServices(services =>
            services.ConfigureSwaggerGen(o => o.DocumentFilter<CountingFilter>(builds)));
        var client = api.CreateClient();

        var first = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag!;
        Assert.Equal("public, max-age=3600", first.Headers.CacheControl!.ToString());
        var body = await first.Content.ReadAsStringAsync();
        for (var i = 0; i < 20; i++)
        {
            var again = await client.GetAsync("/openapi/v1.json");
            Assert.Equal(etag, again.Headers.ETag);
            Assert.Equal(body, await again.Content.ReadAsStringAsync());
        }
        var revalidation = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        revalidation.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(revalidation)).StatusCode);
        Assert.Equal(1, builds.Value);
    }

    [Fact]
    public async Task Readiness_probes_the_database_at_most_once_a_second_whatever_the_traffic()
    {
        var probes = new Counter();
        var clock = new FakeTimeProvider();
        await using var api = new ApiFactory(dataset.Database.ReaderConnectionString, time: clock).WithServices(services =>
            services.AddHealthChecks().AddCheck("probe-counter", () => { probes.Increment(); return HealthCheckResult.Healthy(); }, tags: ["ready"]));
        var client = api.CreateClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.GetAsync("/health/ready")));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(1, probes.Value);

        clock.Advance(TimeSpan.FromSeconds(0.9));
        await client.GetAsync("/health/ready");
        Assert.Equal(1, probes.Value);
        clock.Advance(TimeSpan.FromSeconds(0.1));
        await client.GetAsync("/health/ready");
        Assert.Equal(2, probes.Value);
    }

    public sealed class Counter
    {
        private int value;
        public int Value => Volatile.Read(ref value);
        public void Increment() => Interlocked.Increment(ref value);
    }

    private sealed class CountingFilter(Counter builds) : IDocumentFilter
    {
        public void Apply(OpenApiDocument document, DocumentFilterContext context) => builds.Increment();
    }
}
