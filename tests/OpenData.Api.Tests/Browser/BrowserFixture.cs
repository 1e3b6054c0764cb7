using Microsoft.Playwright;
using OpenData.Testing;

namespace OpenData.Api.Tests.Browser;

[CollectionDefinition(Name), StartsFirst]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

/// <summary>
/// A generated dataset, the built API serving it on a real port, and Debian's Chromium driven by Playwright
/// (./test.sh installs the package chromium; Playwright downloads no browser: OPENDATA_CHROMIUM or /usr/bin/chromium).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private readonly SmallDataset dataset = new();
    private IPlaywright? playwright;

    public ApiProcess Api { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string Origin => $"http://127.0.0.1:{Api.Port}";
    public HttpClient Client => Api.Client;
    /// <summary>The dataset's read-only connection string (for another API process over the same data).</summary>
    public string ReaderConnectionString => dataset.Database.ReaderConnectionString;

    public static string ChromiumPath => Environment.GetEnvironmentVariable("OPENDATA_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"no Chromium at {ChromiumPath}: install Debian's package chromium (./test.sh does) or set OPENDATA_CHROMIUM");
        await dataset.InitializeAsync();
        Api = await new ApiProcess(dataset.Database.ReaderConnectionString).StartedAsync();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // As root in a sandbox-less container; and nothing of Chromium's own phoning home on a closed network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            // A request leaving this host goes to a proxy that is not there and fails at once; this host's own go direct.
            // (Not Playwright's routing: it holds every request until the test process answers, and turns the cache off.)
            Proxy = new() { Server = "http://127.0.0.1:9", Bypass = "127.0.0.1" },
        });
    }

    /// <summary>A fresh page that records its console errors and any request leaving this host (which fails: see the proxy).</summary>
    public async Task<WatchedPage> OpenAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, Locale = "fr-FR" });
        // Generous: a page on a machine running four test collections and a deploy smoke at once; a hang still ends.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = Origin });
        var page = await context.NewPageAsync();
        // Transitions and animations play 1,000 times faster: a test waits for their end state, and every frame of them is
        // painted in software (a third of Swagger UI's try-outs' CPU). Set through DevTools' protocol, not a style the
        // pages' Content-Security-Policy would refuse.
        var devTools = await context.NewCDPSessionAsync(page);
        await devTools.SendAsync("Animation.enable");
        await devTools.SendAsync("Animation.setPlaybackRate", new() { ["playbackRate"] = 1000 });
        var watched = new WatchedPage(context, page);
        page.Console += (_, message) => { if (message.Type == "error") watched.Errors.Add($"console: {message.Text} ({message.Location})"); };
        page.PageError += (_, error) => watched.Errors.Add($"page error: {error}");
        context.Request += (_, request) =>
        {
            if (Uri.TryCreate(request.Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" or "ws" or "wss" && url.Host != "127.0.0.1")
                watched.Outside.Add(request.Url);
        };
        return watched;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        Api?.Dispose();
        await dataset.DisposeAsync();
    }
}

/// <summary>A page with what went wrong on it: console errors and requests that tried to leave the host.</summary>
public sealed class WatchedPage(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page => page;
    public List<string> Errors { get; } = [];
    public List<string> Outside { get; } = [];

    /// <summary>No console error, no request to another host.</summary>
    public void AssertClean()
    {
        Assert.True(Errors.Count == 0, string.Join("\n", Errors));
        Assert.True(Outside.Count == 0, "requests leaving the host: " + string.Join(", ", Outside));
    }

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
