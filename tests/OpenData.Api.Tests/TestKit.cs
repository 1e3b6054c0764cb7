using System.Net;
using System.Text;
using System.Text.Json;

namespace OpenData.Api.Tests;

/// <summary>Reading lists back in every format: JSON pages walked by cursor, NDJSON lines, RFC 4180 CSV; and problems.</summary>
internal static class TestKit
{
    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Every row of a list, page by page through meta.nextCursor and the Link header that agrees with it; fails on a repeated row.</summary>
    public static async Task<List<JsonElement>> WalkAsync(this HttpClient client, string path, string query, int limit, string key)
    {
        var items = new List<JsonElement>();
        var seen = new HashSet<string>();
        string? cursor = null;
        long? total = null;
        for (var pages = 0; ; pages++)
        {
            Assert.True(pages < 10_000, "the walk does not end");
            var url = $"{path}?{query.Trim('&')}{(query.Trim('&').Length > 0 ? "&" : "")}limit={limit}{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}";
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            var data = body.GetProperty("data").EnumerateArray().ToList();
            var meta = body.GetProperty("meta");
            total ??= meta.GetProperty("total").GetInt64();
            Assert.Equal(total, meta.GetProperty("total").GetInt64());
            Assert.Equal(limit, meta.GetProperty("limit").GetInt32());
            foreach (var item in data)
                Assert.True(seen.Add(item.GetProperty(key).ToString()), $"{item.GetProperty(key)} repeated");
            items.AddRange(data);
            cursor = meta.GetProperty("nextCursor").GetString();
            if (cursor is null)
            {
                Assert.False(response.Headers.Contains("Link"));
                break;
            }
            Assert.Equal(limit, data.Count);
            var link = string.Join(",", response.Headers.GetValues("Link"));
            Assert.Contains("rel=\"next\"", link);
            Assert.Contains($"cursor={cursor}", link);
        }
        Assert.Equal(total, items.Count);
        return items;
    }

    public static async Task<List<JsonElement>> NdjsonAsync(this HttpClient client, string url, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var lines = text.Split('\n');
        Assert.Equal("", lines[^1]); // every line ends with \n
        var items = lines[..^1].Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        // X-Total-Count is the size of the whole filtered list, whatever the limit.
        var total = long.Parse(response.Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture);
        if (url.Contains("limit=", StringComparison.Ordinal)) Assert.True(total >= items.Count);
        else Assert.Equal(items.Count, total);
        return items;
    }

    /// <summary>A CSV export as one dictionary per row, keyed by header.</summary>
    public static async Task<List<Dictionary<string, string>>> CsvAsync(this HttpClient client, string url, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }), "the CSV starts with a UTF-8 BOM");
        var records = CsvReader.Parse(new UTF8Encoding(false).GetString(bytes, 3, bytes.Length - 3));
        var header = records[0];
        Assert.Equal(header.Length, header.Distinct().Count());
        Assert.All(records, r => Assert.Equal(header.Length, r.Length));
        return records.Skip(1).Select(r => header.Zip(r).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    public static void AssertSameItems(IReadOnlyList<JsonElement> expected, IReadOnlyList<JsonElement> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
            Assert.True(JsonElement.DeepEquals(expected[i], actual[i]), $"row {i} differs:\n{expected[i]}\n{actual[i]}");
    }

    /// <summary>Each CSV column equals the JSON property of the same name, or what <paramref name="derived"/> computes from the JSON row.</summary>
    public static void AssertCsvMatchesJson(IReadOnlyList<Dictionary<string, string>> csv, IReadOnlyList<JsonElement> json,
        Dictionary<string, Func<JsonElement, string>> derived)
    {
        Assert.Equal(json.Count, csv.Count);
        for (var i = 0; i < json.Count; i++)
            foreach (var (column, value) in csv[i])
            {
                string expected;
                if (derived.TryGetValue(column, out var compute)) expected = compute(json[i]);
                else if (json[i].TryGetProperty(column, out var property)) expected = Text(property);
                else throw new Xunit.Sdk.XunitException($"CSV column {column} is neither a JSON property nor derived");
                Assert.True(expected == value, $"row {i}, {column}: CSV '{value}', JSON '{expected}'");
            }
    }

    /// <summary>The text without French accents (by hand: the tests run with invariant globalization, without Unicode normalization data).</summary>
    public static string Plain(string text)
    {
        const string accented = "àâäéèêëîïôöùûüÿçÀÂÄÉÈÊËÎÏÔÖÙÛÜŸÇ", plain = "aaaeeeeiioouuuycAAAEEEEIIOOUUUYC";
        return new string(text.Select(c => accented.IndexOf(c) is var i and >= 0 ? plain[i] : c).ToArray());
    }

    /// <summary>How a JSON scalar (or list of scalars) reads in CSV.</summary>
    public static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "",
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Array => string.Join("; ", value.EnumerateArray().Select(Text)),
        JsonValueKind.Object => throw new Xunit.Sdk.XunitException($"an object has no CSV text: {value}"),
        _ => value.GetRawText(),
    };

    /// <summary>Asserts an RFC 9457 problem with that status; for a 400, with errors naming the parameter.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpClient client, string url, HttpStatusCode status, string? parameter = null)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{url}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.DoesNotContain("   at ", body);
        if (parameter is not null)
            Assert.NotEmpty(problem.GetProperty("errors").GetProperty(parameter).EnumerateArray());
        return problem;
    }
}
