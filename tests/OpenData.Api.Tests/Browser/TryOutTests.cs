using System.Text.Json;
using Microsoft.Playwright;
using OpenData.Api.GraphQL.Ide;

namespace OpenData.Api.Tests.Browser;

/// <summary>What a new user clicks first: Swagger UI's try-outs as pre-filled (open an operation, Execute), and GraphiQL's example tabs.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TryOutTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Swagger_UIs_default_try_out_of_every_operation_returns_2xx_with_data()
    {
        await using var swagger = await fixture.OpenAsync();
        var page = swagger.Page;
        await page.GotoAsync($"{fixture.Origin}/swagger");
        await page.WaitForSelectorAsync(".opblock");
        var operations = await page.Locator(".opblock").AllAsync();
        var document = JsonDocument.Parse(await fixture.Client.GetStringAsync("/openapi/v1.json")).RootElement;
        Assert.Equal(document.GetProperty("paths").EnumerateObject().Sum(p => p.Value.EnumerateObject().Count()), operations.Count);

        var failures = new List<string>();
        foreach (var operation in operations)
        {
            var name = (await operation.Locator(".opblock-summary-method").TextContentAsync()) + " " + await operation.Locator(".opblock-summary-path").GetAttributeAsync("data-path");
            await operation.Locator(".opblock-summary-control").ClickAsync();
            var response = await page.RunAndWaitForResponseAsync(() => operation.Locator(".btn.execute").ClickAsync(),
                r => r.Url.StartsWith(fixture.Origin, StringComparison.Ordinal) && !r.Url.Contains("/openapi/", StringComparison.Ordinal));
            // A bulk file (Parquet, gzip) is bytes the browser does not keep for the page: its data is its length.
            var binary = (await response.HeaderValueAsync("content-type")) is "application/vnd.apache.parquet" or "application/gzip";
            var body = binary ? (long.TryParse(await response.HeaderValueAsync("content-length"), out var length) && length > 0 ? "binary" : "") : await response.TextAsync();
            var shown = await operation.Locator(".live-responses-table tr.response .response-col_status").First.TextContentAsync();
            if (response.Status is < 200 or > 299 || shown?.Trim() != response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) || !HasData(body))
                failures.Add($"{name} → {response.Url}: {response.Status} (shown {shown}) {body[..Math.Min(300, body.Length)]}");
            await operation.Locator(".opblock-summary-control").ClickAsync(); // folded again
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        swagger.AssertClean();
    }

    [Fact]
    public async Task Every_GraphiQL_example_tab_returns_data()
    {
        await using var ide = await fixture.OpenAsync();
        var page = ide.Page;
        await page.GotoAsync($"{fixture.Origin}/graphql");
        await page.WaitForSelectorAsync(".graphiql-execute-button");
        var tabs = page.Locator(".graphiql-tab");
        Assert.Equal(IdeExamples.All.Count, await tabs.CountAsync());

        var failures = new List<string>();
        for (var i = 0; i < IdeExamples.All.Count; i++)
        {
            await tabs.Nth(i).Locator("button").First.ClickAsync();
            var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync(".graphiql-execute-button"),
                r => r.Url == $"{fixture.Origin}/graphql" && r.Request.Method == "POST" && r.Request.PostData?.Contains("IntrospectionQuery", StringComparison.Ordinal) == false);
            var text = await response.TextAsync();
            var result = JsonDocument.Parse(text).RootElement;
            var problem = result.TryGetProperty("errors", out _) || !result.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object ? text
                : data.EnumerateObject().Where(root => !HasData(root.Value)).Select(root => root.Name).FirstOrDefault() is { } empty ? $"{empty} is empty: {text}" : null;
            if (problem is not null) failures.Add($"{IdeExamples.All[i].Name}: {problem}");
            await page.WaitForFunctionAsync("() => !document.querySelector('.graphiql-execute-button[aria-label*=Stop]')");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        ide.AssertClean();
    }

    /// <summary>A body with something in it: a list with rows, an object with a value, a connection with nodes.</summary>
    private static bool HasData(string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return false;
        if (body.StartsWith("<?xml", StringComparison.Ordinal)) return body.Contains("<entry", StringComparison.Ordinal); // an Atom feed
        try
        {
            using var json = JsonDocument.Parse(body);
            return HasData(json.RootElement.TryGetProperty("data", out var data) ? data : json.RootElement);
        }
        catch (JsonException)
        {
            return true; // CSV, the SDL, a probe's text: not empty
        }
    }

    private static bool HasData(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => value.GetArrayLength() > 0,
        JsonValueKind.Object when value.TryGetProperty("nodes", out var nodes) => nodes.GetArrayLength() > 0,
        JsonValueKind.Object when value.TryGetProperty("edges", out var edges) => edges.GetArrayLength() > 0,
        JsonValueKind.Object => value.EnumerateObject().Any(p => p.Value.ValueKind is not JsonValueKind.Null),
        JsonValueKind.Null or JsonValueKind.Undefined => false,
        _ => true,
    };
}
