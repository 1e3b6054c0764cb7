using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

using System.Text.Json;
using ParquetSharp;

namespace OpenData.Api.Tests;

/// <summary>
/// The bulk files of an import, as a data user reads them: listed by /v1/dataset, fetched whole and in ranges, read back
/// with ParquetSharp (Apache Arrow's C++ reader; the importer writes with Parquet.Net) and a CSV parser of the tests' own,
/// and every row compared with what the API answers for it.
/// </summary>
public sealed class DownloadsTests(DatasetFixture fixture) : IClassFixture<DatasetFixture>
{
    /// <summary>Each file's columns, and where the API's JSON says the same (a path of property names).</summary>
    private static readonly Dictionary<string, (string List, string Key, (string Column, string Path)[] Columns)> Tables = new()
    {
        ["questions"] = ("/v1/questions", "id", [("id", "id"), ("number", "number"), ("legislature", "legislature"), ("nature", "nature.code"),
            ("status", "status"), ("title", "title"), ("text", "text"), ("topic", "topic"), ("published_at", "publishedAt"),
            ("journal_page", "journalPage"), ("author_id", "author.id"), ("author_name", "author.name"), ("author_group", "author.group.code"),
            ("ministry_id", "ministry.id"), ("ministry_name", "ministry.name"), ("answered_at", "answeredAt"),
            ("answer_delay_days", "answerDelayDays"), ("deadline", "deadline"), ("url", "url")]),
        ["answers"] = ("/v1/answers", "questionId", [("question_id", "questionId"), ("published_at", "publishedAt"), ("text", "text"),
            ("delay_days", "delayDays"), ("ministry_id", "ministry.id"), ("ministry_name", "ministry.name"), ("journal_page", "journalPage"), ("url", "url")]),
        ["senators"] = ("/v1/senators", "id", [("id", "id"), ("civility", "civility"), ("first_name", "firstName"), ("last_name", "lastName"),
            ("name", "name"), ("active", "active"), ("birth_date", "birthDate"), ("death_date", "deathDate"), ("group_code", "group.code"),
            ("constituency", "constituency"), ("question_count", "questionCount"), ("url", "url")]),
        ["ministries"] = ("/v1/ministries", "id", [("id", "id"), ("name", "name"), ("full_name", "fullName"), ("minister_name", "ministerName"),
            ("start_date", "startDate"), ("end_date", "endDate"), ("current", "current"), ("successor_id", "successorId"), ("question_count", "questionCount")]),
    };

    [Fact]
    public async Task Every_table_is_listed_as_Parquet_and_gzipped_CSV_whose_rows_are_the_APIs()
    {
        var dataset = await fixture.Client.GetJsonAsync("/v1/dataset");
        var downloads = dataset.GetProperty("downloads").EnumerateArray().ToList();
        Assert.Equal(Tables.Keys.SelectMany(t => new[] { $"{t} parquet", $"{t} csv.gz" }),
            downloads.Select(d => $"{d.GetProperty("table").GetString()} {d.GetProperty("format").GetString()}"));
        foreach (var (table, (list, key, columns)) in Tables)
        {
            var api = (await fixture.Client.WalkAsync(list, "", 100, key)).ToDictionary(r => Text(r.GetProperty(key))!);
            Assert.Equal(dataset.GetProperty("rowCounts").GetProperty(table).GetInt64(), api.Count);
            foreach (var format in new[] { "parquet", "csv.gz" })
            {
                var entry = downloads.Single(d => d.GetProperty("table").GetString() == table && d.GetProperty("format").GetString() == format);
                var bytes = await fixture.Client.GetByteArrayAsync(entry.GetProperty("url").GetString());
                Assert.Equal(entry.GetProperty("bytes").GetInt64(), bytes.Length);
                Assert.Equal(entry.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
                var rows = format == "parquet" ? ReadParquet(bytes, columns.Select(c => c.Column).ToArray()) : ReadCsv(bytes, columns.Select(c => c.Column).ToArray());
                Assert.Equal(entry.GetProperty("rows").GetInt64(), rows.Count);
                Assert.Equal(api.Count, rows.Count);
                foreach (var row in rows)
                {
                    var json = api[row[0]!];
                    for (var i = 0; i < columns.Length; i++)
                        Assert.True(Equals(Text(At(json, columns[i].Path)), row[i]),
                            $"{table}.{format} {row[0]} {columns[i].Column}: file {row[i] ?? "null"}, API {Text(At(json, columns[i].Path)) ?? "null"}");
                }
            }
        }
    }

    [Fact]
    public async Task GraphQL_lists_the_same_files_as_REST()
    {
        var rest = (await fixture.Client.GetJsonAsync("/v1/dataset")).GetProperty("downloads").EnumerateArray()
            .Select(d => $"{d.GetProperty("table").GetString()} {d.GetProperty("format").GetString()} {d.GetProperty("url").GetString()} {d.GetProperty("bytes").GetInt64()} {d.GetProperty("rows").GetInt64()} {d.GetProperty("sha256").GetString()}").ToList();
        using var response = await fixture.Client.PostAsync("/graphql", new StringContent(
            """{"query":"{ dataset { downloads { table format url bytes rows sha256 } } }"}""", System.Text.Encoding.UTF8, "application/json"));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var graph = body.GetProperty("data").GetProperty("dataset").GetProperty("downloads").EnumerateArray()
            .Select(d => $"{d.GetProperty("table").GetString()} {d.GetProperty("format").GetString()} {d.GetProperty("url").GetString()} {(long)d.GetProperty("bytes").GetDouble()} {d.GetProperty("rows").GetInt64()} {d.GetProperty("sha256").GetString()}").ToList();
        Assert.Equal(8, rest.Count);
        Assert.Equal(rest, graph);
    }

    [Fact]
    public async Task A_file_is_immutable_validated_by_its_checksum_served_in_ranges_and_priced_by_what_it_reads()
    {
        var dataset = await fixture.Client.GetJsonAsync("/v1/dataset");
        var entry = dataset.GetProperty("downloads").EnumerateArray().First(d => d.GetProperty("format").GetString() == "parquet");
        var url = entry.GetProperty("url").GetString()!;
        Assert.Equal($"/v1/downloads/{dataset.GetProperty("version").GetInt64()}/questions.parquet", url);
        var whole = await fixture.Client.GetByteArrayAsync(url);
        // latest: the serving version's file, by a redirect.
        Assert.Equal(whole, await fixture.Client.GetByteArrayAsync("/v1/downloads/latest/questions.parquet"));

        var client = fixture.Client;
        using var before = await client.GetAsync("/v1/themes");
        using var full = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal("application/vnd.apache.parquet", full.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"\"{entry.GetProperty("sha256").GetString()}\"", full.Headers.ETag?.Tag);
        Assert.Contains("immutable", full.Headers.CacheControl?.ToString());
        Assert.Equal("bytes", Assert.Single(full.Headers.AcceptRanges));
        // The price: 1, plus 10 per MiB chunk it reads (at least one).
        var chunks = (long)Math.Ceiling(whole.Length / (double)(1 << 20));
        Assert.Equal(int.Parse(before.Headers.GetValues("RateLimit-Remaining").Single()) - 1 - Protection.Prices.DownloadChunk * Math.Max(1, chunks),
            int.Parse(full.Headers.GetValues("RateLimit-Remaining").Single()));

        using var ranged = new HttpRequestMessage(HttpMethod.Get, url);
        ranged.Headers.Range = new RangeHeaderValue(whole.Length - 100, null);
        using var tail = await client.SendAsync(ranged);
        Assert.Equal(HttpStatusCode.PartialContent, tail.StatusCode);
        Assert.Equal(whole[^100..], await tail.Content.ReadAsByteArrayAsync());
        Assert.Equal($"bytes {whole.Length - 100}-{whole.Length - 1}/{whole.Length}", tail.Content.Headers.ContentRange?.ToString());
        Assert.Equal("PAR1", System.Text.Encoding.ASCII.GetString(whole[^4..]));

        using var outside = new HttpRequestMessage(HttpMethod.Get, url);
        outside.Headers.Range = new RangeHeaderValue(whole.Length + 10, null);
        using var unsatisfiable = await client.SendAsync(outside);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, unsatisfiable.StatusCode);

        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(full.Headers.ETag!);
        using var notModified = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        // It reads no chunk: its request's permit only.
        Assert.Equal(int.Parse(unsatisfiable.Headers.GetValues("RateLimit-Remaining").Single()) - 1,
            int.Parse(notModified.Headers.GetValues("RateLimit-Remaining").Single()));

        using var json = new HttpRequestMessage(HttpMethod.Get, url);
        json.Headers.Accept.ParseAdd("application/json");
        Assert.Equal(HttpStatusCode.NotAcceptable, (await client.SendAsync(json)).StatusCode);
        await client.AssertProblemAsync("/v1/downloads/abc/questions.parquet", HttpStatusCode.BadRequest, "version");
        await client.AssertProblemAsync($"/v1/downloads/{dataset.GetProperty("version").GetInt64()}/questions.xlsx", HttpStatusCode.NotFound);
        await client.AssertProblemAsync("/v1/downloads/999999/questions.parquet", HttpStatusCode.NotFound);
    }

    private static JsonElement? At(JsonElement json, string path)
    {
        JsonElement? node = json;
        foreach (var name in path.Split('.'))
            node = node is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var next) ? next : null;
        return node;
    }

    private static string? Text(JsonElement? value) => value switch
    {
        null or { ValueKind: JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.True } => "true",
        { ValueKind: JsonValueKind.False } => "false",
        { } other => other.GetRawText(),
    };

    /// <summary>Every row of a Parquet file, each value as the API writes it in JSON (a date as yyyy-MM-dd).</summary>
    private static List<string?[]> ReadParquet(byte[] bytes, string[] columns)
    {
        using var input = new ParquetSharp.IO.ManagedRandomAccessFile(new MemoryStream(bytes));
        using var reader = new ParquetFileReader(input);
        var names = Enumerable.Range(0, reader.FileMetaData.NumColumns).Select(i => reader.FileMetaData.Schema.Column(i).Name).ToArray();
        Assert.Equal(columns, names);
        var rows = new List<string?[]>();
        for (var g = 0; g < reader.FileMetaData.NumRowGroups; g++)
        {
            using var group = reader.RowGroup(g);
            var count = checked((int)group.MetaData.NumRows);
            var values = new string?[columns.Length][];
            for (var c = 0; c < columns.Length; c++)
            {
                using var column = group.Column(c);
                var logical = column.ColumnDescriptor.LogicalType;
                values[c] = logical switch
                {
                    DateLogicalType => column.LogicalReader<Date?>().ReadAll(count).Select(d => d?.DateTime.ToString("yyyy-MM-dd")).ToArray(),
                    IntLogicalType { BitWidth: 64 } => column.LogicalReader<long?>().ReadAll(count).Select(v => v?.ToString()).ToArray(),
                    IntLogicalType => column.LogicalReader<int?>().ReadAll(count).Select(v => v?.ToString()).ToArray(),
                    StringLogicalType => column.LogicalReader<string?>().ReadAll(count),
                    _ when column.ColumnDescriptor.PhysicalType == PhysicalType.Boolean => column.LogicalReader<bool?>().ReadAll(count).Select(v => v is null ? null : v.Value ? "true" : "false").ToArray(),
                    _ when column.ColumnDescriptor.PhysicalType == PhysicalType.Int64 => column.LogicalReader<long?>().ReadAll(count).Select(v => v?.ToString()).ToArray(),
                    _ when column.ColumnDescriptor.PhysicalType == PhysicalType.Int32 => column.LogicalReader<int?>().ReadAll(count).Select(v => v?.ToString()).ToArray(),
                    _ => throw new InvalidOperationException($"{columns[c]}: unexpected type {logical} {column.ColumnDescriptor.PhysicalType}"),
                };
            }
            for (var r = 0; r < count; r++) rows.Add([.. values.Select(v => v[r])]);
        }
        return rows;
    }

    /// <summary>Every row of a gzipped CSV file (its header the columns; an empty field is null).</summary>
    private static List<string?[]> ReadCsv(byte[] bytes, string[] columns)
    {
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var text = new StreamReader(gzip, System.Text.Encoding.UTF8);
        var records = CsvReader.Parse(text.ReadToEnd());
        Assert.Equal(columns, records[0]);
        return [.. records.Skip(1).Select(r => r.Select(v => v.Length == 0 ? null : v).ToArray())];
    }
}
