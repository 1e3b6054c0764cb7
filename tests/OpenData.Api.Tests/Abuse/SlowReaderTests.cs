using System.Diagnostics;
using System.Net;

namespace OpenData.Api.Tests.Abuse;

/// <summary>
/// Observation 1: slow readers of exports held every pooled connection for as long as they read. Now an export is
/// spooled in seconds and its connection released; each client has two exports at most; ordinary requests and the
/// readiness probe keep answering at once.
/// </summary>
[Collection(AbuseCollection.Name)]
public sealed class SlowReaderTests(AbuseFixture fixture)
{

    [Fact]
    public async Task Twenty_slow_exports_from_one_client_get_two_places_and_hold_no_connection_while_they_read()
    {
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString);
        using var attacker = api.ClientFrom("127.0.0.2");
        var exports = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            attacker.GetAsync("/v1/questions?format=csv", HttpCompletionOption.ResponseHeadersRead)));
        using var readers = new CancellationTokenSource();
        try
        {
            var statuses = exports.GroupBy(e => e.StatusCode).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(2, statuses.GetValueOrDefault(HttpStatusCode.OK));
            Assert.Equal(18, statuses.GetValueOrDefault(HttpStatusCode.TooManyRequests));
            Assert.All(exports.Where(e => e.StatusCode == HttpStatusCode.TooManyRequests), e => Assert.NotNull(e.Headers.RetryAfter));
            var reading = exports.Where(e => e.IsSuccessStatusCode).Select(e => ReadSlowlyAsync(e, readers.Token)).ToList();

            await AssertOrdinaryRequestsAnswerAsync(api, reading);
            await AssertConnectionsReleasedWhileReadersReadAsync(reading);
        }
        finally
        {
            await readers.CancelAsync();
            foreach (var export in exports) export.Dispose();
        }
    }

    [Fact]
    public async Task Slow_exports_from_twenty_clients_leave_the_pool_to_ordinary_requests()
    {
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString);
        var clients = Enumerable.Range(10, 20).Select(i => api.ClientFrom($"127.0.0.{i}")).ToList();
        var exports = await Task.WhenAll(clients.Select(c => c.GetAsync("/v1/answers?format=ndjson", HttpCompletionOption.ResponseHeadersRead)));
        using var readers = new CancellationTokenSource();
        try
        {
            Assert.All(exports, e => Assert.Equal(HttpStatusCode.OK, e.StatusCode));
            var reading = exports.Select(e => ReadSlowlyAsync(e, readers.Token)).ToList();

            await AssertOrdinaryRequestsAnswerAsync(api, reading);
            await AssertConnectionsReleasedWhileReadersReadAsync(reading);
        }
        finally
        {
            await readers.CancelAsync();
            foreach (var export in exports) export.Dispose();
            foreach (var client in clients) client.Dispose();
        }
    }

    /// <summary>Uncached requests of another client, and the readiness probe, answered while the slow readers still read.</summary>
    private static async Task AssertOrdinaryRequestsAnswerAsync(KestrelApi api, List<Task<long>> reading)
    {
        using var ordinary = api.ClientFrom("127.0.0.3");
        for (var i = 1; i <= 20; i++)
        {
            using var response = await ordinary.GetAsync($"/v1/questions?limit={i}&status=answered");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        using var ready = await ordinary.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.All(reading, r => Assert.False(r.IsCompleted, "a slow reader finished its export before the ordinary requests were answered"));
    }

    /// <summary>The exports' queries end (their rows are spooled) while their readers are still far from the end.</summary>
    private async Task AssertConnectionsReleasedWhileReadersReadAsync(List<Task<long>> reading)
    {
        await Eventually.TrueAsync(async () => await fixture.BusyApiConnectionsAsync() == 0, "the exports' database connections released");
        Assert.All(reading, r => Assert.False(r.IsCompleted, "a slow reader finished its export: the test did not read slowly enough"));
    }

    /// <summary>Reads about 10 KB a second, as curl --limit-rate 10k does, until cancelled; returns the bytes read.</summary>
    private static async Task<long> ReadSlowlyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var buffer = new byte[1024];
        long total = 0;
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                await Task.Delay(100, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
        return total;
    }
}
