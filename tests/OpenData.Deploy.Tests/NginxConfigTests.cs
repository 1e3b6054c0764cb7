using System.Text.RegularExpressions;

namespace OpenData.Deploy.Tests;

/// <summary>deploy/nginx.conf: accepted by nginx itself, as deploy/local-cluster.sh renders it, and saying what the API expects.</summary>
public sealed class NginxConfigTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("opendata-nginx-test").FullName;
    private readonly string committed = DeployFiles.Text("deploy/nginx.conf");

    /// <summary>The committed file without its comments: what nginx reads.</summary>
    private string Directives => Regex.Replace(committed, @"#[^\n]*", "");

    [Fact]
    public void Nginx_accepts_the_configuration_as_the_local_cluster_renders_it()
    {
        var rendered = Path.Combine(directory, "nginx.conf");
        var render = DeployFiles.Run("bash", "deploy/local-cluster.sh", "render-nginx", rendered, "58999", "127.0.0.1:58997", "127.0.0.1:58998", Path.Combine(directory, "cache"));
        Assert.True(render.ExitCode == 0, render.Output);

        // Only the addresses and the cache directory differ from the committed file.
        var before = committed.Split('\n');
        var after = File.ReadAllText(rendered).Split('\n');
        Assert.Equal(before.Length, after.Length);
        var changed = before.Zip(after).Where(pair => pair.First != pair.Second).Select(pair => pair.First.Trim()).ToList();
        Assert.All(changed, line => Assert.Matches(@"^(listen 8080;|server api-[12]:8080 .*|.*/var/cache/nginx/.*)$", line));

        Directory.CreateDirectory(Path.Combine(directory, "cache"));
        var nginx = File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
        var test = DeployFiles.Run(nginx, "-t", "-e", Path.Combine(directory, "error.log"), "-p", directory, "-c", rendered,
            "-g", $"pid {Path.Combine(directory, "nginx.pid")};");
        Assert.True(test.ExitCode == 0, test.Output);
        Assert.Contains("test is successful", test.Output);
    }

    [Fact]
    public void The_client_address_is_appended_to_X_Forwarded_For_for_the_trusted_proxy_rule()
    {
        Assert.Contains("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;", Directives);
        Assert.Contains("proxy_set_header Host $http_host;", Directives);
    }

    [Fact]
    public void The_shared_cache_keys_on_what_the_API_varies_on_and_revalidates()
    {
        var key = Regex.Match(Directives, @"proxy_cache_key ""([^""]+)"";").Groups[1].Value;
        foreach (var part in new[] { "$request_method", "$http_host", "$request_uri", "$http_accept", "$http_accept_encoding" }) Assert.Contains(part, key);
        Assert.Contains("proxy_cache_revalidate on;", Directives);
        Assert.DoesNotContain("proxy_cache_valid", Directives); // only what the API marks fresh is stored
        Assert.DoesNotContain("proxy_ignore_headers", Directives); // Cache-Control: no-store is honoured
    }

    [Fact]
    public void Quota_headers_come_from_the_live_answer_only_and_Retry_After_passes_through()
    {
        foreach (var header in new[] { "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset" })
        {
            Assert.Contains($"proxy_hide_header {header};", Directives);
            Assert.Matches($@"add_header {header} \$opendata_\w+ always;", Directives);
        }
        Assert.Contains("~^(HIT|STALE|UPDATING|REVALIDATED)$ 1;", Directives);
        Assert.DoesNotContain("proxy_hide_header Retry-After", Directives);
    }

    [Fact]
    public void Only_connection_failures_go_to_another_replica()
    {
        var conditions = Regex.Match(Directives, @"proxy_next_upstream ([^;]+);").Groups[1].Value.Split(' ');
        Assert.Equal(["error", "timeout"], conditions); // never non_idempotent (POST), never the API's own 503
        Assert.Contains("proxy_next_upstream_timeout", Directives);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
