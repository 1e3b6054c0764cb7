using System.Net;
using System.Text.Json;
using System.Xml;
using Dapper;

namespace OpenData.Api.Tests;

/// <summary>The change feed, updatedSince, events and Atom feeds after importing A, then B (see <see cref="ChangeTrackingFixture"/>).</summary>
public sealed class ChangeTrackingTests(ChangeTrackingFixture fixture) : IClassFixture<ChangeTrackingFixture>
{
    private sealed record Entry(long Seq, DateTime At, string Type, string Id, string Kind, string[] Fields);

    [Fact]
    public async Task The_feed_lists_exactly_what_B_changed_with_its_fields_in_order()
    {
        var p = fixture.Picked;
        var all = await WalkAsync(null, 200);
        var version = all.Max(e => e.At);
        var b = all.Where(e => e.At == version).Select(e => $"{e.Type} {e.Id} {e.Kind} [{string.Join(",", e.Fields)}]").ToList();

        var senators = new[] { (p.Regrouped, "group"), (p.RemovedAuthor, "questionCount") }.OrderBy(s => s.Item1, StringComparer.Ordinal)
            .Select(s => $"senator {s.Item1} changed [{s.Item2}]");
        var questions = new[]
        {
            $"question {p.Answered} changed [answer,status]", $"question {p.AnsweredByRow} changed [answer,status]",
            $"question {p.Transferred} changed [transfer]", $"question {p.Withdrawn} changed [status]", $"question {p.Removed} removed []",
        }.OrderBy(q => q.Split(' ')[1], StringComparer.Ordinal);
        // A ministry's questionCount counts what its questions list lists: the transfer adds one to the new ministry;
        // the removed question's ministry loses it but gains the question it answers in B (minrepid), so it nets zero.
        string[] expected =
        [
            $"ministry {p.TransferMinistry} changed [questionCount]", .. senators, .. questions, $"answer {p.AnsweredByRow} added []",
        ];
        Assert.Equal(expected, b);
        Assert.Equal(all.Select(e => e.Seq).Order(), all.Select(e => e.Seq));
        Assert.Equal(all.Count, all.Select(e => e.Seq).Distinct().Count());
    }

    [Fact]
    public async Task Each_entrys_self_is_its_resource_and_a_removed_ones_is_null()
    {
        var entries = new List<JsonElement>();
        for (string? since = null; ;)
        {
            var page = await fixture.Client.GetJsonAsync($"/v1/changes?limit=200{(since is null ? "" : $"&since={since}")}");
            entries.AddRange(page.GetProperty("data").EnumerateArray());
            since = page.GetProperty("meta").GetProperty("nextCursor").GetString();
            if (!page.GetProperty("meta").GetProperty("hasMore").GetBoolean()) break;
        }
        Assert.Contains(entries, e => e.GetProperty("kind").GetString() == "removed");
        Assert.Equal(["answer", "ministry", "question", "senator"], entries.Select(e => e.GetProperty("type").GetString()).Distinct().Order(StringComparer.Ordinal));
        foreach (var entry in entries)
        {
            var (type, id, kind) = (entry.GetProperty("type").GetString()!, entry.GetProperty("id").GetString()!, entry.GetProperty("kind").GetString()!);
            var expected = kind == "removed" ? null : type switch
            {
                "senator" => $"/v1/senators/{Uri.EscapeDataString(id)}",
                "ministry" => $"/v1/ministries/{id}",
                _ => $"/v1/questions/{Uri.EscapeDataString(id)}",
            };
            Assert.Equal(expected, entry.GetProperty("self").GetString());
        }
        // The link of the last entry of each resource still there answers with that resource.
        foreach (var last in entries.GroupBy(e => (e.GetProperty("type").GetString(), e.GetProperty("id").GetString())).Select(g => g.Last())
                     .Where(e => e.GetProperty("kind").GetString() != "removed").Take(40))
        {
            var resource = await fixture.Client.GetJsonAsync(last.GetProperty("self").GetString()!);
            Assert.Equal(last.GetProperty("id").GetString(), resource.GetProperty("id").ToString());
        }
    }

    [Fact]
    public async Task Re_importing_B_records_no_change()
    {
        Assert.True(fixture.ChangesAfterB > 600, "A's additions and B's changes should be recorded");
        Assert.Equal(fixture.ChangesAfterB, fixture.ChangesAfterSecondB);
    }

    [Fact]
    public async Task The_feed_resumes_exactly_from_any_cursor()
    {
        var whole = await WalkAsync(null, 200);
        var cursors = new List<string?> { null };
        var feed = await fixture.Client.GetJsonAsync("/v1/changes?limit=97");
        while (true)
        {
            var meta = feed.GetProperty("meta");
            cursors.Add(meta.GetProperty("nextCursor").GetString());
            if (!meta.GetProperty("hasMore").GetBoolean()) break;
            feed = await fixture.Client.GetJsonAsync($"/v1/changes?limit=97&since={cursors[^1]}");
        }
        foreach (var (cursor, i) in cursors.Select((c, i) => (c, i)))
        {
            var rest = await WalkAsync(cursor, 200);
            Assert.Equal(whole.Skip(Math.Min(i * 97, whole.Count)).Select(e => e.Seq), rest.Select(e => e.Seq));
        }
        // At the end, a poll returns nothing and the same cursor.
        var end = await fixture.Client.GetJsonAsync($"/v1/changes?since={cursors[^1]}");
        Assert.Equal(0, end.GetProperty("data").GetArrayLength());
        Assert.Equal(cursors[^1], end.GetProperty("meta").GetProperty("nextCursor").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Client.GetAsync("/v1/changes?since=bm90IGEgY3Vyc29y")).StatusCode);
    }

    [Fact]
    public async Task The_types_filter_keeps_only_those_kinds()
    {
        var all = await WalkAsync(null, 200);
        var some = await WalkAsync(null, 200, "&types=senator,answer");
        Assert.Equal(all.Where(e => e.Type is "senator" or "answer").Select(e => e.Seq), some.Select(e => e.Seq));
    }

    [Fact]
    public async Task UpdatedSince_agrees_with_the_feed_on_every_list()
    {
        var all = await WalkAsync(null, 200);
        var landed = all.Max(e => e.At);
        var since = landed.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (type, path, idOf) in new (string, string, Func<JsonElement, string>)[]
        {
            ("question", "/v1/questions", r => r.GetProperty("id").GetString()!),
            ("answer", "/v1/answers", r => r.GetProperty("questionId").GetString()!),
            ("senator", "/v1/senators", r => r.GetProperty("id").GetString()!),
            ("ministry", "/v1/ministries", r => r.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)),
        })
        {
            var listed = await fixture.Client.GetJsonAsync($"{path}?updatedSince={Uri.EscapeDataString(since)}&sort=-updatedAt&limit=200");
            var ids = listed.GetProperty("data").EnumerateArray().Select(idOf).Order(StringComparer.Ordinal).ToList();
            var fromFeed = all.Where(e => e.Type == type && e.At >= landed && e.Kind != "removed").Select(e => e.Id).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(fromFeed, ids);
            Assert.All(listed.GetProperty("data").EnumerateArray(), r => Assert.Equal(landed, r.GetProperty("updatedAt").GetDateTime().ToUniversalTime()));
        }
        var everything = await fixture.Client.GetJsonAsync("/v1/questions?updatedSince=2000-01-01&limit=1");
        Assert.Equal(599, everything.GetProperty("meta").GetProperty("total").GetInt64());
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Client.GetAsync("/v1/questions?updatedSince=2025-13-01")).StatusCode);
    }

    [Fact]
    public async Task Events_follow_the_source_fields()
    {
        var p = fixture.Picked;
        await using var db = await fixture.Database.OpenOwnerAsync();
        var transferred = await fixture.Client.GetJsonAsync($"/v1/questions/{p.Transferred}");
        var events = transferred.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal("published", events[0].GetProperty("type").GetString());
        Assert.Equal(transferred.GetProperty("publishedAt").GetString(), events[0].GetProperty("date").GetString());
        var transfer = events.Single(e => e.GetProperty("type").GetString() == "transferred");
        Assert.Equal("2026-11-10", transfer.GetProperty("date").GetString());
        Assert.Equal(p.TransferMinistry, transfer.GetProperty("ministry").GetProperty("id").GetInt64());
        Assert.Equal(events.Select(e => e.GetProperty("date").GetString()).Order(StringComparer.Ordinal), events.Select(e => e.GetProperty("date").GetString()));

        var answered = (await fixture.Client.GetJsonAsync($"/v1/questions/{p.AnsweredByRow}")).GetProperty("events").EnumerateArray().ToList();
        Assert.Equal("answered", answered[^1].GetProperty("type").GetString());
        Assert.Equal("2026-11-20", answered[^1].GetProperty("date").GetString());

        // Withdrawn in B: dated by B's landing, from the change history.
        var withdrawn = (await fixture.Client.GetJsonAsync($"/v1/questions/{p.Withdrawn}")).GetProperty("events").EnumerateArray().ToList();
        var landedOn = (await db.ExecuteScalarAsync<DateTime>("SELECT max(landed_at) FROM opendata_meta.landings l WHERE EXISTS (SELECT FROM opendata_meta.changes c WHERE c.version = l.version AND c.kind = 'changed')")).ToUniversalTime();
        Assert.Equal(("withdrawn", landedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            (withdrawn[^1].GetProperty("type").GetString(), withdrawn[^1].GetProperty("date").GetString()));

        // Its closedAt is that date; for many rows at once (the statistics' joins) as for one.
        Assert.Equal(withdrawn[^1].GetProperty("date").GetString(), (await fixture.Client.GetJsonAsync($"/v1/questions/{p.Withdrawn}")).GetProperty("closedAt").GetString());
        Assert.Equal(0, await db.ExecuteScalarAsync<long>($"""
            SELECT count(*) FROM opendata.questions q {OpenData.Data.Questions.QuestionEvents.ClosedAtJoins("q")}
            WHERE {OpenData.Data.Questions.QuestionEvents.ClosedAtJoined("q")} IS DISTINCT FROM {OpenData.Data.Questions.QuestionEvents.ClosedAt("q")}
            """));

        // Every reminder of a question is one of its events, on the reminder's publication date.
        var reminded = await db.QueryFirstAsync<(string Id, string Reminder, DateTime On)>(
            "SELECT reminds_question_id, id, published_at FROM opendata.questions WHERE reminds_question_id IN (SELECT id FROM opendata.questions) ORDER BY id LIMIT 1");
        var reminderEvent = (await fixture.Client.GetJsonAsync($"/v1/questions/{reminded.Id}")).GetProperty("events").EnumerateArray()
            .Single(e => e.GetProperty("type").GetString() == "reminded" && e.GetProperty("questionId").GetString() == reminded.Reminder);
        Assert.Equal(reminded.On.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), reminderEvent.GetProperty("date").GetString());
    }

    [Fact]
    public async Task The_imports_time_to_answer_equals_the_live_one_after_status_changes()
    {
        // The import computes the default statistics before it lands; the live ones read the landed history.
        static Dictionary<long, string> ByMinistry(JsonElement body) => body.GetProperty("data").EnumerateArray()
            .ToDictionary(r => r.GetProperty("ministry").GetProperty("id").GetInt64(), r => r.GetProperty("timeToAnswer").GetRawText());
        var imported = ByMinistry(await fixture.Client.GetJsonAsync("/v1/stats/ministries"));
        var live = ByMinistry(await fixture.Client.GetJsonAsync("/v1/stats/ministries?from=1900-01-01"));
        Assert.NotEmpty(imported);
        Assert.Equal(imported, live);
    }

    [Fact]
    public async Task Atom_feeds_parse_as_atom_and_list_the_latest_changed_questions()
    {
        var p = fixture.Picked;
        using var response = await fixture.Client.GetAsync("/v1/questions.atom?status=answered,withdrawn&limit=5");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        var feed = System.ServiceModel.Syndication.SyndicationFeed.Load(XmlReader.Create(await response.Content.ReadAsStreamAsync()));
        var urls = await QuestionUrlsAsync(p.Answered, p.AnsweredByRow, p.Withdrawn);
        Assert.Equal(urls.Order(), feed.Items.Take(3).Select(i => i.Id).Order());
        Assert.All(feed.Items, i => Assert.NotEqual(default, i.LastUpdatedTime));
        Assert.True(feed.Items.First().LastUpdatedTime >= feed.Items.Last().LastUpdatedTime);
        Assert.NotNull(feed.Links.Single(l => l.RelationshipType == "self"));
        // Generated data claims neither the Senate's licence nor its pages.
        Assert.Null(feed.Copyright);
        Assert.Contains("générées", feed.Description.Text);
        Assert.DoesNotContain(feed.Items.Where(i => !i.Id.Contains(OpenData.Data.Datasets.GeneratedData.RealQuestionId)).SelectMany(i => i.Links), l => l.Uri.Host == "www.senat.fr");

        var transferredUrl = (await QuestionUrlsAsync(p.Transferred))[0];
        var ministry = System.ServiceModel.Syndication.SyndicationFeed.Load(XmlReader.Create(
            await fixture.Client.GetStreamAsync($"/v1/ministries/{p.TransferMinistry}/questions.atom?limit=200")));
        Assert.Contains(transferredUrl, ministry.Items.Select(i => i.Id));
        var senator = await fixture.Client.GetAsync("/v1/senators/00000X/questions.atom");
        Assert.Equal(HttpStatusCode.NotFound, senator.StatusCode);
    }

    [Fact]
    public async Task GraphQL_changes_and_events_answer_as_REST_does()
    {
        var rest = await WalkAsync(null, 200, "&types=question");
        var refused = await GraphQLAsync($$"""{ changes(since: "{{rest[^8].Seq}}") { nextCursor } }""");
        Assert.Equal("INVALID_CURSOR", refused.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        var json = await GraphQLAsync($$"""{ c: changes(first: 100, types: [QUESTION]) { nodes { seq kind fields } nextCursor hasNextPage } q: question(id: "{{fixture.Picked.Transferred}}") { events { type date ministry { id } } updatedAt } }""");
        var page = json.GetProperty("data").GetProperty("c");
        Assert.Equal(rest.Take(100).Select(e => e.Seq), page.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("seq").GetInt64()));
        Assert.True(page.GetProperty("hasNextPage").GetBoolean());
        var transfer = json.GetProperty("data").GetProperty("q").GetProperty("events").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "TRANSFERRED");
        Assert.Equal(fixture.Picked.TransferMinistry.ToString(System.Globalization.CultureInfo.InvariantCulture), transfer.GetProperty("ministry").GetProperty("id").GetString()); // an ID
        var next = await GraphQLAsync($$"""{ changes(first: 100, types: [QUESTION], since: "{{page.GetProperty("nextCursor").GetString()}}") { nodes { seq } } }""");
        Assert.Equal(rest.Skip(100).Take(100).Select(e => e.Seq), next.GetProperty("data").GetProperty("changes").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("seq").GetInt64()));
    }

    [Fact]
    public async Task GraphQL_changes_page_as_every_connection_does_with_edges_page_info_and_after()
    {
        var rest = await WalkAsync(null, 200, "&types=question");
        const string selection = "edges { cursor node { seq } } nodes { seq } pageInfo { hasNextPage endCursor hasPreviousPage startCursor } nextCursor";
        var first = (await GraphQLAsync($$"""{ changes(first: 100, types: [QUESTION]) { {{selection}} } }""")).GetProperty("data").GetProperty("changes");
        var edges = first.GetProperty("edges").EnumerateArray().ToList();
        Assert.Equal(rest.Take(100).Select(e => e.Seq), edges.Select(e => e.GetProperty("node").GetProperty("seq").GetInt64()));
        Assert.Equal(edges.Select(e => e.GetProperty("node").GetProperty("seq").GetInt64()), first.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("seq").GetInt64()));
        var info = first.GetProperty("pageInfo");
        Assert.True(info.GetProperty("hasNextPage").GetBoolean());
        Assert.False(info.GetProperty("hasPreviousPage").GetBoolean());
        Assert.Equal(edges[0].GetProperty("cursor").GetString(), info.GetProperty("startCursor").GetString());
        Assert.Equal(edges[^1].GetProperty("cursor").GetString(), info.GetProperty("endCursor").GetString());
        Assert.Equal(first.GetProperty("nextCursor").GetString(), info.GetProperty("endCursor").GetString());

        // after, as every list takes it; since is its former name, and both at once are refused.
        var second = (await GraphQLAsync($$"""{ changes(first: 100, types: [QUESTION], after: "{{info.GetProperty("endCursor").GetString()}}") { {{selection}} } }""")).GetProperty("data").GetProperty("changes");
        Assert.Equal(rest.Skip(100).Take(100).Select(e => e.Seq), second.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("seq").GetInt64()));
        Assert.True(second.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
        var both = await GraphQLAsync($$"""{ changes(after: "{{info.GetProperty("endCursor").GetString()}}", since: "{{info.GetProperty("endCursor").GetString()}}") { nextCursor } }""");
        Assert.Equal("BAD_USER_INPUT", both.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    private async Task<JsonElement> GraphQLAsync(string query)
    {
        var body = JsonSerializer.Serialize(new { query });
        using var response = await fixture.Client.PostAsync("/graphql", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>
    /// The Atom entry ids of these questions: of generated data (the fixture's), each question's API URL, but the one real
    /// question's senat.fr page (the only one that exists).
    /// </summary>
    private async Task<List<string>> QuestionUrlsAsync(params string[] ids)
    {
        await using var db = await fixture.Database.OpenOwnerAsync();
        return (await db.QueryAsync<(string Id, string Url)>("SELECT id, url FROM opendata.questions WHERE id = ANY(@ids)", new { ids }))
            .Select(q => q.Id == OpenData.Data.Datasets.GeneratedData.RealQuestionId ? q.Url : $"http://localhost/v1/questions/{q.Id}").ToList();
    }

    private async Task<List<Entry>> WalkAsync(string? since, int limit, string extra = "")
    {
        var entries = new List<Entry>();
        while (true)
        {
            var page = await fixture.Client.GetJsonAsync($"/v1/changes?limit={limit}{extra}{(since is null ? "" : $"&since={since}")}");
            entries.AddRange(page.GetProperty("data").EnumerateArray().Select(e => new Entry(
                e.GetProperty("seq").GetInt64(), e.GetProperty("at").GetDateTime().ToUniversalTime(), e.GetProperty("type").GetString()!,
                e.GetProperty("id").GetString()!, e.GetProperty("kind").GetString()!, e.GetProperty("fields").EnumerateArray().Select(f => f.GetString()!).ToArray())));
            since = page.GetProperty("meta").GetProperty("nextCursor").GetString();
            if (!page.GetProperty("meta").GetProperty("hasMore").GetBoolean()) return entries;
        }
    }
}
