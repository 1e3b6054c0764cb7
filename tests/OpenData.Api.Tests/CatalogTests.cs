using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpenData.Api.Features.Catalog;
using OpenData.Data.Datasets;

namespace OpenData.Api.Tests;

/// <summary>
/// The DCAT-AP catalog (GET /v1/catalog) and the home page's schema.org Dataset, read as a data portal and a search engine
/// would: expanded by a JSON-LD processor (jsonld.js in its safe mode, which fails on any term it cannot map, with remote
/// contexts refused), then checked on the expanded graph, by full IRIs.
/// </summary>
public sealed partial class CatalogTests(DatasetFixture fixture) : IClassFixture<DatasetFixture>
{
    private const string Dcat = "http://www.w3.org/ns/dcat#", Dct = "http://purl.org/dc/terms/", Schema = "https://schema.org/";

    [Fact]
    public async Task The_catalog_is_DCAT_AP_JSON_LD_with_the_dataset_its_distributions_and_the_API_as_a_data_service()
    {
        using var response = await fixture.Client.GetAsync("/v1/catalog");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(CatalogApi.JsonLd, response.Content.Headers.ContentType?.MediaType);
        var graph = await ExpandAsync(await response.Content.ReadAsStringAsync());
        var api = fixture.Client.BaseAddress!.ToString().TrimEnd('/');

        var catalog = Single(graph, Dcat + "Catalog");
        Assert.Equal($"{api}/v1/catalog", Id(catalog));
        Assert.NotEmpty(Values(catalog, Dct + "title"));
        var dataset = (JsonObject)catalog[Dcat + "dataset"]![0]!;
        Assert.Equal(Dcat + "Dataset", dataset["@type"]![0]!.GetValue<string>());
        // DCAT-AP's mandatory properties of a dataset, and the French profile's recommended ones.
        foreach (var property in new[] { Dct + "title", Dct + "description", Dct + "publisher", Dcat + "contactPoint", Dct + "identifier",
                     Dct + "accrualPeriodicity", Dct + "modified", Dcat + "theme", Dcat + "keyword", Dcat + "landingPage", Dcat + "distribution" })
            Assert.True(dataset[property] is JsonArray { Count: > 0 }, $"the dataset has no {property}");
        Assert.Contains("fr", Values(dataset, Dct + "title").Select(t => t["@language"]?.GetValue<string>()));
        Assert.Equal("http://publications.europa.eu/resource/authority/frequency/DAILY", Id(dataset[Dct + "accrualPeriodicity"]![0]!));
        var current = await fixture.Client.GetJsonAsync("/v1/dataset");
        Assert.Equal(current.GetProperty("version").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture),
            dataset["http://www.w3.org/ns/adms#versionInfo"]![0]!["@value"]!.GetValue<string>());
        Assert.Equal(current.GetProperty("asOf").GetString(), dataset[Dct + "temporal"]![0]![Dcat + "endDate"]![0]!["@value"]!.GetValue<string>());
        // Generated data has no licence: none is claimed.
        Assert.Null(dataset[Dct + "license"]);

        var distributions = dataset[Dcat + "distribution"]!.AsArray().Select(d => (JsonObject)d!).ToList();
        var downloads = current.GetProperty("downloads").EnumerateArray().ToList();
        Assert.Equal(3 + downloads.Count, distributions.Count);
        Assert.All(distributions, d =>
        {
            Assert.Equal(Dcat + "Distribution", d["@type"]![0]!.GetValue<string>());
            Assert.StartsWith("https://www.iana.org/assignments/media-types/", Id(d[Dcat + "mediaType"]![0]!));
        });
        Assert.Equal(3, distributions.Count(d => d[Dcat + "accessService"] is not null));
        // Each bulk file, with its size and checksum.
        Assert.NotEmpty(downloads);
        foreach (var file in downloads)
        {
            var distribution = Assert.Single(distributions, d => d[Dcat + "downloadURL"] is { } url && Id(url[0]!) == api + file.GetProperty("url").GetString());
            Assert.Equal(file.GetProperty("bytes").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), distribution[Dcat + "byteSize"]![0]!["@value"]!.GetValue<string>());
            var checksum = distribution["http://spdx.org/rdf/terms#checksum"]![0]!;
            Assert.Equal(file.GetProperty("sha256").GetString(), checksum["http://spdx.org/rdf/terms#checksumValue"]![0]!["@value"]!.GetValue<string>());
            Assert.Equal("http://spdx.org/rdf/terms#checksumAlgorithm_sha256", Id(checksum["http://spdx.org/rdf/terms#algorithm"]![0]!));
        }
        // Each distribution's URL answers.
        foreach (var url in distributions.Select(d => Id(d[Dcat + "accessURL"]![0]!)).Where(u => !u.EndsWith("/graphql", StringComparison.Ordinal)))
        {
            using var answer = await fixture.Client.GetAsync(url);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, url);
        }

        var service = (JsonObject)catalog[Dcat + "service"]![0]!;
        Assert.Equal(Dcat + "DataService", service["@type"]![0]!.GetValue<string>());
        Assert.Equal($"{api}/openapi/v1.json", Id(service[Dcat + "endpointDescription"]![0]!));
        Assert.Equal($"{api}/v1/dataset", Id(service[Dcat + "servesDataset"]![0]!));
        using var openApi = await fixture.Client.GetAsync(Id(service[Dcat + "endpointDescription"]![0]!));
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
    }

    [Fact]
    public async Task The_Senates_data_carries_its_licence_and_publisher_on_the_dataset_and_every_distribution()
    {
        var real = new DatasetInfo(7, new DateTime(2026, 12, 1, 3, 30, 0, DateTimeKind.Utc), "hash", [], new Dictionary<string, long>(), 0, [], false,
            "Licence Ouverte / Open Licence 2.0", "https://www.etalab.gouv.fr/licence-ouverte-open-licence/", "https://data.senat.fr/", new DateOnly(2026, 11, 30), []);
        var graph = await ExpandAsync(CatalogDocument.Dcat(real, "https://api.example.org").ToJsonString());
        var dataset = Single(graph, Dcat + "Catalog")[Dcat + "dataset"]![0]!;
        Assert.Equal("https://www.etalab.gouv.fr/licence-ouverte-open-licence/", Id(dataset[Dct + "license"]![0]!));
        Assert.Equal("https://www.senat.fr/", Id(dataset[Dct + "publisher"]![0]!));
        Assert.Equal("https://data.senat.fr/", Id(dataset[Dct + "source"]![0]!));
        Assert.All(dataset[Dcat + "distribution"]!.AsArray(), d => Assert.Equal("https://www.etalab.gouv.fr/licence-ouverte-open-licence/", Id(d![Dct + "license"]![0]!)));

        var schema = await ExpandAsync(CatalogDocument.SchemaOrg(real, "https://api.example.org").ToJsonString());
        Assert.Equal("https://www.etalab.gouv.fr/licence-ouverte-open-licence/", Values(Single(schema, Schema + "Dataset"), Schema + "license")[0]["@value"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_home_page_describes_the_dataset_for_search_engines_and_links_the_catalog_and_MCP()
    {
        var html = await fixture.Client.GetStringAsync("/");
        var block = JsonLdBlock().Match(html);
        Assert.True(block.Success, "no JSON-LD in the home page's head");
        Assert.True(block.Index < html.IndexOf("</head>", StringComparison.Ordinal));
        var dataset = Single(await ExpandAsync(block.Groups[1].Value), Schema + "Dataset");
        foreach (var property in new[] { "name", "description", "url", "dateModified", "creator", "distribution", "includedInDataCatalog" })
            Assert.True(dataset[Schema + property] is JsonArray { Count: > 0 }, $"the Dataset has no {property}");
        Assert.Contains("href=\"/v1/catalog\"", html);
        Assert.Contains("/mcp", html);
    }

    [GeneratedRegex("<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex JsonLdBlock();

    private static JsonObject Single(JsonArray graph, string type) =>
        (JsonObject)Assert.Single(graph, n => n!["@type"]?.AsArray().Any(t => t!.GetValue<string>() == type) == true)!;

    private static string Id(JsonNode node) => node["@id"]!.GetValue<string>();

    private static List<JsonNode> Values(JsonObject node, string property) => [.. node[property]!.AsArray().Select(v => v!)];

    /// <summary>The document expanded by jsonld.js (tools/jsonld-expand.mjs): fails on JSON-LD it cannot process.</summary>
    private static async Task<JsonArray> ExpandAsync(string document)
    {
        var start = new ProcessStartInfo("node", [Path.Combine(ContractTests.RepositoryRoot(), "tools", "jsonld-expand.mjs")])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start node (npm install --prefix tools)");
        await process.StandardInput.WriteAsync(document);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"jsonld.js: {await error}");
        return JsonNode.Parse(await output)!.AsArray();
    }
}
