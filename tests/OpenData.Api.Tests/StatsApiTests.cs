using System.Globalization;
using System.Net;
using System.Text.Json;
using OpenData.Testing;

namespace OpenData.Api.Tests;

/// <summary>
/// /v1/stats/* checked against figures the test computes itself from the source dump's rows, and against
/// /v1/questions for the same filters.
/// </summary>
public sealed class StatsApiTests(DatasetFixture fixture) : IClassFixture<DatasetFixture>
{
    private readonly SourceDump source = SourceDump.Read(fixture.Files.Questions);

    public static TheoryData<string, string?, string?, string?, string?> MinistryCases => new()
    {
        // query, legislature, from, to, current
        { "", null, null, null, null },
        { "legislature=17", "17", null, null, null },
        { "from=2024-01-01&to=2025-06-30", null, "2024-01-01", "2025-06-30", null },
        { "legislature=16&to=2024-03-31", "16", null, "2024-03-31", null },
        { "current=true", null, null, null, "true" },
        { "current=false&from=2025-01-01", null, "2025-01-01", null, "false" },
    };

    [Fact]
    public async Task Statistics_that_select_nothing_say_why()
    {
        var ministries = await fixture.Client.GetJsonAsync("/v1/stats/ministries?from=1900-01-01&to=1900-12-31");
        Assert.Empty(ministries.GetProperty("data").EnumerateArray());
        Assert.Contains("published from 1900-01-01", ministries.GetProperty("meta").GetProperty("empty").GetString());
        var timeline = await fixture.Client.GetJsonAsync("/v1/stats/timeline?publishedFrom=1900-01-01&publishedTo=1900-12-31");
        Assert.Empty(timeline.GetProperty("data").EnumerateArray());
        Assert.NotNull(timeline.GetProperty("meta").GetProperty("empty").GetString());
        var full = await fixture.Client.GetJsonAsync("/v1/stats/ministries");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, full.GetProperty("meta").GetProperty("empty").ValueKind);
    }

    [Theory]
    [InlineData("/v1/stats/ministries")] // the import's figures
    [InlineData("/v1/stats/ministries?legislature=16&nature=QE,QOSD")] // computed live
    [InlineData("/v1/stats/ministries?from=2023-01-01&to=2025-06-30")]
    public async Task Each_count_is_the_total_of_the_list_its_link_names(string url)
    {
        var rows = (await fixture.Client.GetJsonAsync(url)).GetProperty("data").EnumerateArray().Take(12).ToList();
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var links = row.GetProperty("links");
            foreach (var count in new[] { "questions", "answered", "awaiting", "overdue" })
            {
                var list = links.GetProperty(count).GetString()!;
                var total = (await fixture.Client.GetJsonAsync(list + "&limit=1")).GetProperty("meta").GetProperty("total").GetInt64();
                Assert.True(row.GetProperty(count).GetInt64() == total, $"{url}: {count} is {row.GetProperty(count)}, {list} counts {total}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(MinistryCases))]
    public async Task Ministry_stats_equal_those_computed_from_the_source_rows(string query, string? legislature, string? from, string? to, string? current)
    {
        var questions = source.Questions.Where(q => q.Nature == "QE"
            && (legislature is null || q.Legislature == legislature)
            && (from is null || q.PublishedAt >= DateOnly.Parse(from, CultureInfo.InvariantCulture))
            && (to is null || q.PublishedAt <= DateOnly.Parse(to, CultureInfo.InvariantCulture))
            && (current is null || source.MinistryInOffice(q.HandlingMinistry) == (current == "true")));
        var expected = Expected(questions);

        var body = await fixture.Client.GetJsonAsync($"/v1/stats/ministries?{query}");
        var actual = body.GetProperty("data").EnumerateArray().Select(j => Line(j)).ToList();
        Assert.True(expected.Count > 3, "the case should cover several ministries");
        Assert.Equal(expected, actual);
        Assert.Equal(expected.Count, body.GetProperty("meta").GetProperty("total").GetInt64());
        Assert.Equal(["QE"], body.GetProperty("meta").GetProperty("natures").EnumerateArray().Select(n => n.GetString()));
    }

    [Fact]
    public async Task Other_natures_count_when_asked_for_and_have_no_deadline()
    {
        var expected = Expected(source.Questions.Where(q => q.Nature is "QE" or "QOSD"));
        var body = await fixture.Client.GetJsonAsync("/v1/stats/ministries?nature=QE&nature=QOSD");
        Assert.Equal(expected, body.GetProperty("data").EnumerateArray().Select(j => Line(j)).ToList());

        var oral = (await fixture.Client.GetJsonAsync("/v1/stats/ministries?nature=QOSD,QG")).GetProperty("data").EnumerateArray().ToList();
        Assert.NotEmpty(oral);
        Assert.All(oral, m => Assert.Equal(0, m.GetProperty("answeredWithinDeadline").GetInt64() + m.GetProperty("overdue").GetInt64()));
        Assert.Equal(source.Questions.Count(q => q.Nature is "QOSD" or "QG"), oral.Sum(m => m.GetProperty("questions").GetInt64()));
    }

    [Fact]
    public async Task Ministry_stats_as_csv_and_ndjson_hold_the_same_rows_as_json()
    {
        var json = (await fixture.Client.GetJsonAsync("/v1/stats/ministries?legislature=17")).GetProperty("data").EnumerateArray().ToList();
        var csv = CsvReader.Parse((await fixture.Client.GetStringAsync("/v1/stats/ministries?legislature=17&format=csv")).TrimStart('\uFEFF'));
        Assert.Equal(["ministryId", "ministryName", "ministryStartDate", "ministryEndDate", "questions", "answered", "answeredWithinDeadline", "awaiting", "overdue", "medianDelayDays", "p90DelayDays", "timeToAnswerMedian", "timeToAnswerP90"], csv[0]);
        Assert.Equal(json.Select(j => Line(j, withDates: true, withTimeToAnswer: true)), csv.Skip(1).Select(r => string.Join("|", r)));

        var ndjson = await fixture.Client.GetStringAsync("/v1/stats/ministries?legislature=17&format=ndjson");
        Assert.Equal(json.Select(j => j.GetRawText()), ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    public static TheoryData<string> TimelineFilters => new()
    {
        "", "legislature=17&nature=QE", "ministry=108", "q=d%C3%A9sertification", "status=answered&publishedFrom=2024-06-01", "overdue=true", "nature=QOSD,QG",
    };

    [Theory]
    [MemberData(nameof(TimelineFilters))]
    public async Task Timeline_totals_equal_the_question_list_totals_for_the_same_filters(string filters)
    {
        var questions = await TotalAsync($"/v1/questions?{filters}&limit=1");
        var answered = await TotalAsync($"/v1/questions?{filters}&answeredFrom=0001-01-01&limit=1");
        Assert.True(questions > 0);
        foreach (var interval in new[] { "month", "year" })
        {
            var body = await fixture.Client.GetJsonAsync($"/v1/stats/timeline?interval={interval}&{filters}");
            var periods = body.GetProperty("data").EnumerateArray().ToList();
            Assert.Equal(questions, periods.Sum(p => p.GetProperty("questions").GetInt64()));
            Assert.Equal(answered, periods.Sum(p => p.GetProperty("answers").GetInt64()));
            Assert.Equal(periods.Count, body.GetProperty("meta").GetProperty("total").GetInt64());
            Assert.Equal(interval, body.GetProperty("meta").GetProperty("interval").GetString());
            var starts = periods.Select(p => Start(p.GetProperty("period").GetString()!, interval)).ToList();
            Assert.Equal(starts.Select((s, i) => interval == "year" ? starts[0].AddYears(i) : starts[0].AddMonths(i)), starts); // no gaps
        }
    }

    [Fact]
    public async Task Timeline_periods_equal_the_source_rows_and_the_question_list_of_each_period()
    {
        var months = (await fixture.Client.GetJsonAsync("/v1/stats/timeline")).GetProperty("data").EnumerateArray()
            .ToDictionary(p => p.GetProperty("period").GetString()!, p => (p.GetProperty("questions").GetInt64(), p.GetProperty("answers").GetInt64()));
        var published = source.Questions.CountBy(q => q.PublishedAt.ToString("yyyy-MM", CultureInfo.InvariantCulture)).ToDictionary();
        var answers = source.Questions.Where(q => q.AnsweredAt is not null).CountBy(q => q.AnsweredAt!.Value.ToString("yyyy-MM", CultureInfo.InvariantCulture)).ToDictionary();
        Assert.Equal(published.Keys.Union(answers.Keys).Order(StringComparer.Ordinal).First(), months.Keys.First());
        foreach (var (period, counts) in months)
            Assert.Equal((published.GetValueOrDefault(period), answers.GetValueOrDefault(period)), counts);

        var (june, _) = months["2024-06"];
        Assert.Equal(june, await TotalAsync("/v1/questions?publishedFrom=2024-06-01&publishedTo=2024-06-30&limit=1"));
        var years = (await fixture.Client.GetJsonAsync("/v1/stats/timeline?interval=year&nature=QE")).GetProperty("data").EnumerateArray().ToList();
        var year2025 = years.Single(y => y.GetProperty("period").GetString() == "2025");
        Assert.Equal(await TotalAsync("/v1/questions?nature=QE&answeredFrom=2025-01-01&answeredTo=2025-12-31&limit=1"), year2025.GetProperty("answers").GetInt64());
    }

    [Fact]
    public async Task Timeline_as_csv_and_ndjson_hold_the_same_rows_as_json()
    {
        var json = (await fixture.Client.GetJsonAsync("/v1/stats/timeline?interval=year")).GetProperty("data").EnumerateArray().ToList();
        var csv = CsvReader.Parse((await fixture.Client.GetStringAsync("/v1/stats/timeline?interval=year&format=csv")).TrimStart('\uFEFF'));
        Assert.Equal(["period", "questions", "answers", "timeToAnswerMedian", "timeToAnswerP90"], csv[0]);
        static string Days(JsonElement e) => e.ValueKind == JsonValueKind.Null ? "" : e.GetInt32().ToString(CultureInfo.InvariantCulture);
        Assert.Equal(json.Select(p => $"{p.GetProperty("period").GetString()}|{p.GetProperty("questions")}|{p.GetProperty("answers")}"
                + $"|{Days(p.GetProperty("timeToAnswer").GetProperty("median"))}|{Days(p.GetProperty("timeToAnswer").GetProperty("p90"))}"),
            csv.Skip(1).Select(r => string.Join("|", r)));
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/stats/timeline?interval=year") { Headers = { { "Accept", "application/x-ndjson" } } };
        var ndjson = await (await fixture.Client.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Equal(json.Select(j => j.GetRawText()), ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("/v1/stats/timeline?interval=week", "interval")]
    [InlineData("/v1/stats/timeline?publishedFrom=2024-13-01", "publishedFrom")]
    [InlineData("/v1/stats/timeline?lineage=true", "lineage")]
    [InlineData("/v1/stats/timeline?publishedFrom=2024-02-01&publishedTo=2024-01-31", "publishedFrom")]
    [InlineData("/v1/stats/ministries?from=2024-02-01&to=2024-01-31", "from")]
    [InlineData("/v1/stats/timeline?sort=publishedAt", "sort")]
    [InlineData("/v1/stats/timeline?limit=10", "limit")]
    [InlineData("/v1/stats/ministries?from=2024-02-30", "from")]
    [InlineData("/v1/stats/ministries?to=june", "to")]
    [InlineData("/v1/stats/ministries?current=yes", "current")]
    [InlineData("/v1/stats/ministries?nature=XX", "nature")]
    [InlineData("/v1/stats/ministries?legislature=abc", "legislature")]
    [InlineData("/v1/stats/ministries?ministry=108", "ministry")]
    [InlineData("/v1/stats/ministries?format=xml", "format")]
    public async Task Bad_parameters_are_400_problems_naming_the_parameter(string url, string parameter)
    {
        var response = await fixture.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.GetRawText());
    }

    /// <summary>The expected rows, one line per ministry, in the API's order: most questions first, then id.</summary>
    private List<string> Expected(IEnumerable<SourceQuestion> questions)
    {
        var today = DateOnly.FromDateTime(DateTime.Now);
        return questions.GroupBy(q => q.HandlingMinistry)
            .Select(g =>
            {
                var delays = g.Where(q => q.AnsweredAt is not null).Select(q => q.AnsweredAt!.Value.DayNumber - q.PublishedAt.DayNumber).Order().ToList();
                var awaiting = g.Where(q => q.AnsweredAt is null && q.Outcome is null or "awaiting").ToList();
                return (Id: g.Key, Count: g.Count(), Line: string.Join("|",
                    g.Key, source.MinistryNames[g.Key], g.Count(), delays.Count,
                    g.Count(q => q.AnsweredAt is { } at && q.Deadline is { } deadline && at <= deadline),
                    awaiting.Count, awaiting.Count(q => q.Deadline < today), Percentile(delays, 0.5), Percentile(delays, 0.9)));
            })
            .OrderByDescending(m => m.Count).ThenBy(m => m.Id).Select(m => m.Line).ToList();
    }

    /// <summary>Continuous percentile (linear interpolation between the closest ranks), rounded to one decimal, as a JSON number reads (12.0 is 12).</summary>
    private static string Percentile(List<int> sorted, double p)
    {
        if (sorted.Count == 0) return "";
        var position = p * (sorted.Count - 1);
        var low = (int)Math.Floor(position);
        var high = (int)Math.Ceiling(position);
        var value = sorted[low] + (position - low) * (sorted[high] - sorted[low]);
        return Math.Round(value, 1, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture);
    }

    private static string Line(JsonElement m, bool withDates = false, bool withTimeToAnswer = false)
    {
        static string Days(JsonElement e) => e.ValueKind == JsonValueKind.Null ? "" : e.GetInt32().ToString(CultureInfo.InvariantCulture);
        static string Delay(JsonElement e) => e.ValueKind == JsonValueKind.Null ? "" : e.GetDouble().ToString(CultureInfo.InvariantCulture);
        static string Date(JsonElement e) => e.ValueKind == JsonValueKind.Null ? "" : e.GetString()!;
        var ministry = m.GetProperty("ministry");
        var dates = withDates ? $"|{Date(ministry.GetProperty("startDate"))}|{Date(ministry.GetProperty("endDate"))}" : "";
        return string.Join("|", ministry.GetProperty("id").GetInt64(), ministry.GetProperty("name").GetString() + dates,
            m.GetProperty("questions"), m.GetProperty("answered"), m.GetProperty("answeredWithinDeadline"), m.GetProperty("awaiting"),
            m.GetProperty("overdue"), Delay(m.GetProperty("medianDelayDays")), Delay(m.GetProperty("p90DelayDays")))
            + (withTimeToAnswer ? $"|{Days(m.GetProperty("timeToAnswer").GetProperty("median"))}|{Days(m.GetProperty("timeToAnswer").GetProperty("p90"))}" : "");
    }

    private static DateOnly Start(string period, string interval) =>
        DateOnly.ParseExact(interval == "year" ? period + "-01" : period, "yyyy-MM", CultureInfo.InvariantCulture);

    private async Task<long> TotalAsync(string url) => (await fixture.Client.GetJsonAsync(url)).GetProperty("meta").GetProperty("total").GetInt64();

}

/// <summary>A question as the source dump has it, with what the test derives from it.</summary>
internal sealed record SourceQuestion(string Nature, string? Legislature, DateOnly PublishedAt, long HandlingMinistry, DateOnly? AnsweredAt, string? Outcome)
{
    /// <summary>Written questions: two months after publication (one month, plus the one-month extension).</summary>
    public DateOnly? Deadline => Nature == "QE" ? PublishedAt.AddMonths(2) : null;
}

/// <summary>What the statistics derive from the source dump (read with the tests' own reader, not the importer): the
/// questions, their first answers, the ministries and the outcome labels.</summary>
internal sealed class SourceDump
{
    public required List<SourceQuestion> Questions { get; init; }
    public required Dictionary<long, string> MinistryNames { get; init; }
    public required HashSet<long> MinistriesInOffice { get; init; }

    public bool MinistryInOffice(long id) => MinistriesInOffice.Contains(id);

    public static SourceDump Read(string path)
    {
        var blocks = CopyDumpReader.Read(path);

        var firstAnswers = blocks["tam_reponses"].Rows.GroupBy(r => r["idque"]!).ToDictionary(g => g.Key, g => g.Min(r => r.Date("datejorep")!.Value));
        var outcomes = blocks["sortquestion"].Rows.ToDictionary(r => r["sorquecod"]!, r => r["sorquelib"]!.ToLowerInvariant() switch
        {
            var l when l.Contains("attente") => "awaiting",
            var l when l.Contains("caduc") || l.Contains("caduq") => "lapsed",
            var l when l.Contains("retir") => "withdrawn",
            var l when l.Contains("transform") => "converted",
            _ => null,
        });
        return new SourceDump
        {
            Questions = blocks["tam_questions"].Rows.Select(q => new SourceQuestion(
                q["natquecod"]!, q["legislature"], q.Date("datejodepot")!.Value, (q.Number("mintranid") ?? q.Number("mindepotid"))!.Value,
                firstAnswers.TryGetValue(q["id"]!, out var answered) ? answered : q.Date("datejorep1"),
                q["sorquecod"] is { } code ? outcomes.GetValueOrDefault(code) : null)).ToList(),
            MinistryNames = blocks["tam_ministeres"].Rows.ToDictionary(m => m.Number("minid")!.Value, m => m["libelle"]!),
            MinistriesInOffice = blocks["tam_ministeres"].Rows.Where(m => m["datefin"] is null).Select(m => m.Number("minid")!.Value).ToHashSet(),
        };
    }
}
