using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace OpenData.Api.Tests;

/// <summary>
/// The delay until an answer counting the questions still waiting: Kaplan-Meier estimates of each row of the ministry
/// statistics, recomputed here from the questions its links.questions lists (their status, delay, closedAt and the
/// dataset's asOf), and the estimator itself against a reference on hand-made cases.
/// </summary>
public sealed class TimeToAnswerTests(DatasetFixture fixture) : IClassFixture<DatasetFixture>
{
    /// <summary>The Kaplan-Meier median and 90th percentile, written plainly: the first time the survival falls to 0.5 (0.1) or below.</summary>
    private static (int? Median, int? P90) Reference(IReadOnlyList<(int Days, bool Answered)> questions)
    {
        double survival = 1;
        int? median = null, p90 = null;
        foreach (var time in questions.Select(q => Math.Max(q.Days, 0)).Distinct().Order())
        {
            var atRisk = questions.Count(q => Math.Max(q.Days, 0) >= time);
            var answered = questions.Count(q => q.Answered && Math.Max(q.Days, 0) == time);
            survival *= 1 - (double)answered / atRisk;
            if (median is null && survival <= 0.5 + 1e-9) median = time;
            if (p90 is null && survival <= 0.1 + 1e-9) p90 = time;
        }
        return (median, p90);
    }

    public static TheoryData<string, int[], bool[], int?, int?> Cases => new()
    {
        // name, days, answered, expected median, expected p90 (null: the curve never falls that low)
        { "none censored", [1, 2, 3, 4], [true, true, true, true], 2, 4 },
        { "all censored", [5, 6, 7], [false, false, false], null, null },
        { "ties of answers and censorings at one time", [2, 2, 2, 5, 5, 8], [true, true, false, true, false, true], 5, 8 },
        { "censored before the answers", [1, 1, 1, 10, 20], [false, false, false, true, true], 10, 20 },
        { "half never answered", [3, 4, 100, 100], [true, true, false, false], 4, null },
        { "answered before publication (a date error) counts at 0", [-3, 6], [true, true], 0, 6 },
        { "one question", [12], [true], 12, 12 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_estimator_matches_a_reference_on_hand_made_cases(string name, int[] days, bool[] answered, int? median, int? p90)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.ReaderConnectionString);
        var computed = await connection.QuerySingleAsync<(int? Median, int? P90)>(
            "SELECT median, p90 FROM opendata_meta.time_to_answer(@days, @answered)", new { days, answered });
        Assert.Equal((median, p90), Reference(days.Zip(answered).ToList()));
        Assert.True((median, p90) == computed, $"{name}: {computed}, expected {(median, p90)}");
    }

    [Theory]
    [InlineData("/v1/stats/ministries")] // the import's figures
    [InlineData("/v1/stats/ministries?from=1900-01-01")] // computed live from the questions
    public async Task Each_rows_time_to_answer_is_recomputed_from_the_questions_it_links(string url)
    {
        var asOf = DateOnly.Parse((await fixture.Client.GetJsonAsync("/v1/dataset")).GetProperty("asOf").GetString()!, CultureInfo.InvariantCulture);
        var rows = (await fixture.Client.GetJsonAsync(url)).GetProperty("data").EnumerateArray().Take(4).ToList();
        Assert.NotEmpty(rows);
        var censoredSeen = false;
        foreach (var row in rows)
        {
            var questions = await LinkedQuestionsAsync(row.GetProperty("links").GetProperty("questions").GetString()!);
            var population = questions.Select(q => q.Status == "answered"
                ? (q.AnswerDelayDays ?? 0, true)
                : ((q.ClosedAt ?? asOf).DayNumber - q.PublishedAt.DayNumber, false)).ToList();
            var (median, p90) = Reference(population);
            var tta = row.GetProperty("timeToAnswer");
            var name = row.GetProperty("ministry").GetProperty("id").GetInt64();
            Assert.Equal(questions.Count, tta.GetProperty("n").GetInt64());
            Assert.Equal(population.Count(p => p.Item2), tta.GetProperty("answered").GetInt64());
            Assert.Equal(population.Count(p => !p.Item2), tta.GetProperty("censored").GetInt64());
            Assert.True(median == Int(tta.GetProperty("median")), $"ministry {name}: median {tta.GetProperty("median")}, recomputed {median}");
            Assert.True(p90 == Int(tta.GetProperty("p90")), $"ministry {name}: p90 {tta.GetProperty("p90")}, recomputed {p90}");
            censoredSeen |= population.Any(p => !p.Item2);
        }
        Assert.True(censoredSeen, "the rows checked have questions still waiting: censoring was exercised");
    }

    [Theory]
    [InlineData("")] // the import's figures
    [InlineData("&nature=QE")] // computed live from the questions
    public async Task Each_periods_time_to_answer_is_recomputed_from_the_questions_published_in_it(string filter)
    {
        var asOf = DateOnly.Parse((await fixture.Client.GetJsonAsync("/v1/dataset")).GetProperty("asOf").GetString()!, CultureInfo.InvariantCulture);
        var periods = (await fixture.Client.GetJsonAsync($"/v1/stats/timeline?interval=year{filter}")).GetProperty("data").EnumerateArray()
            .OrderByDescending(p => p.GetProperty("questions").GetInt64()).Take(3).ToList();
        Assert.NotEmpty(periods);
        foreach (var period in periods)
        {
            var year = period.GetProperty("period").GetString();
            var questions = await LinkedQuestionsAsync($"/v1/questions?publishedFrom={year}-01-01&publishedTo={year}-12-31{filter}");
            var population = questions.Select(q => q.Status == "answered"
                ? (q.AnswerDelayDays ?? 0, true)
                : ((q.ClosedAt ?? asOf).DayNumber - q.PublishedAt.DayNumber, false)).ToList();
            var (median, p90) = Reference(population);
            var tta = period.GetProperty("timeToAnswer");
            Assert.Equal(questions.Count, tta.GetProperty("n").GetInt64());
            Assert.Equal(period.GetProperty("questions").GetInt64(), tta.GetProperty("n").GetInt64());
            Assert.Equal(population.Count(p => p.Item2), tta.GetProperty("answered").GetInt64());
            Assert.True(median == Int(tta.GetProperty("median")) && p90 == Int(tta.GetProperty("p90")),
                $"{year}{filter}: {tta}, recomputed median {median}, p90 {p90}");
        }
    }

    [Fact]
    public async Task GraphQL_states_the_same_time_to_answer_as_REST()
    {
        var rest = (await fixture.Client.GetJsonAsync("/v1/stats/ministries")).GetProperty("data").EnumerateArray()
            .ToDictionary(r => r.GetProperty("ministry").GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture), r => r.GetProperty("timeToAnswer").GetRawText());
        var response = await fixture.Client.PostAsJsonAsync("/graphql", new { query = "{ ministryStats { ministryId timeToAnswer { median p90 n answered censored } } }" });
        var data = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("ministryStats").EnumerateArray().ToList();
        Assert.Equal(rest.Count, data.Count);
        foreach (var row in data)
            Assert.Equal(JsonSerializer.Serialize(JsonDocument.Parse(rest[row.GetProperty("ministryId").GetString()!]).RootElement),
                JsonSerializer.Serialize(row.GetProperty("timeToAnswer")));
    }

    [Theory]
    [InlineData("timeline(filter: {nature: [QE]}) { period questions", "answers")]
    [InlineData("ministryStats(filter: {from: \"2000-01-01\"}) { ministryId questions", "answered")]
    public async Task GraphQL_computes_the_delays_only_when_asked_and_prices_them(string list, string otherValue)
    {
        async Task<(long Price, JsonElement Data)> AskAsync(string selection)
        {
            var response = await fixture.Client.PostAsJsonAsync("/graphql", new { query = $"{{ {list} {selection} }} }}" });
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return (body.GetProperty("extensions").GetProperty("cost").GetProperty("requested").GetInt64(), body.GetProperty("data"));
        }
        // As many values returned either way (one integer more per row): only the statement differs.
        var without = await AskAsync(otherValue);
        var with = await AskAsync("timeToAnswer { median }");
        // Live statistics are priced by the planner's estimate of their statement: the delays' joins and aggregates cost more.
        Assert.True(with.Price > without.Price, $"{list}: {with.Price} permits with the delays, {without.Price} without");
        Assert.Contains("\"median\"", with.Data.GetRawText());
    }

    [Fact]
    public async Task A_question_is_closed_when_its_outcome_event_dates_it_and_not_before()
    {
        await using var connection = new NpgsqlConnection(fixture.Database.ReaderConnectionString);
        var ids = (await connection.QueryAsync<string>(
            "SELECT DISTINCT ON (status) id FROM opendata.questions WHERE status IN ('lapsed', 'answered', 'awaiting_answer') ORDER BY status, id")).ToList();
        Assert.Equal(3, ids.Count);
        foreach (var id in ids)
        {
            var question = await fixture.Client.GetJsonAsync($"/v1/questions/{id}");
            var closedAt = question.GetProperty("closedAt");
            var outcome = question.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("type").GetString() is "lapsed" or "withdrawn" or "converted").ToList();
            if (question.GetProperty("status").GetString() == "lapsed")
            {
                Assert.Equal(JsonValueKind.String, closedAt.ValueKind);
                Assert.Equal(outcome.Single().GetProperty("date").GetString(), closedAt.GetString());
            }
            else
            {
                Assert.Equal(JsonValueKind.Null, closedAt.ValueKind);
                Assert.Empty(outcome);
            }
        }
    }

    private sealed record LinkedQuestion(string Status, DateOnly PublishedAt, int? AnswerDelayDays, DateOnly? ClosedAt);

    /// <summary>Every question of a list, read as the NDJSON export (any length).</summary>
    private async Task<List<LinkedQuestion>> LinkedQuestionsAsync(string list)
    {
        var response = await fixture.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, list + "&limit=1000000") { Headers = { { "Accept", "application/x-ndjson" } } });
        response.EnsureSuccessStatusCode();
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        return (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<LinkedQuestion>(line, options)!).ToList();
    }

    private static int? Int(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetInt32();
}
