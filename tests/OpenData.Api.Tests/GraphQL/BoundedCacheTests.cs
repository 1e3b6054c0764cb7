using OpenData.Api.GraphQL.Http;

namespace OpenData.Api.Tests.GraphQL;

/// <summary>The caches of documents and plans: bounded in all, and per client, the oldest additions going first.</summary>
public sealed class BoundedCacheTests
{
    private static bool Has(BoundedCache<string> cache, string key) => cache.TryGet(key, out _);

    [Fact]
    public void A_client_at_its_limit_replaces_its_own_oldest_entry_and_nobody_elses()
    {
        var cache = new BoundedCache<string>(() => 100, () => 2);
        cache.Add("b1", "b1", "B");
        cache.Add("a1", "a1", "A");
        cache.Add("a2", "a2", "A");
        for (var i = 3; i <= 1_000; i++) cache.Add($"a{i}", "a", "A");
        Assert.True(Has(cache, "b1"));
        Assert.True(Has(cache, "a999") && Has(cache, "a1000"));
        Assert.False(Has(cache, "a1") || Has(cache, "a998"));
        Assert.Equal(3, cache.Count);
    }

    [Fact]
    public void Past_its_capacity_the_oldest_addition_goes_whoever_added_it()
    {
        var cache = new BoundedCache<string>(() => 3, () => 10);
        cache.Add("a1", "a1", "A");
        cache.Add("b1", "b1", "B");
        cache.Add("c1", "c1", "C");
        cache.Add("a2", "a2", "A");
        Assert.False(Has(cache, "a1"));
        Assert.True(Has(cache, "b1") && Has(cache, "c1") && Has(cache, "a2"));
        // A's count followed its evicted entry: it may hold its 10 again.
        for (var i = 3; i <= 12; i++) cache.Add($"a{i}", "a", "A");
        Assert.Equal(3, cache.Count);
        Assert.True(Has(cache, "a10") && Has(cache, "a11") && Has(cache, "a12"));
    }

    [Fact]
    public void An_entry_is_added_once()
    {
        var cache = new BoundedCache<string>(() => 10, () => 1);
        cache.Add("k", "first", "A");
        cache.Add("k", "second", "B");
        Assert.True(cache.TryGet("k", out var value));
        Assert.Equal("first", value);
        cache.Add("l", "l", "B"); // B holds nothing yet: k was A's
        Assert.True(Has(cache, "k") && Has(cache, "l"));
    }
}
