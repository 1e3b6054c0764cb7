using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Npgsql;
using OpenData.Api.Protection;

namespace OpenData.Api.Tests.Abuse;

/// <summary>
/// Database work is paid before it runs, at one table of prices for REST and GraphQL: requests sent at once cannot
/// run on permits the window no longer has, a search or an export costs what it makes PostgreSQL do, a total already
/// counted is free, and a caller who cannot pay is refused before anything runs.
/// </summary>
[Collection(AbuseCollection.Name)]
public sealed class PricingTests(AbuseFixture fixture)
{
    [Fact]
    public async Task Queries_sent_at_once_cannot_run_on_permits_the_window_no_longer_has()
    {
        const string query = """{ questions(first: 20, orderBy: RELEVANCE, filter: {q: "commune"}) { totalCount nodes { id highlight } } }""";
        var body = new JsonObject { ["query"] = query }.ToJsonString();
        long price;
        await using (var probe = new KestrelApi(fixture.Database.ReaderConnectionString))
        {
            using var prober = probe.ClientFrom("127.0.0.39");
            using var priced = await prober.PostAsync("/graphql", new StringContent(body, Encoding.UTF8, "application/json"));
            price = JsonNode.Parse(await priced.Content.ReadAsStringAsync())!["extensions"]!["cost"]!["requested"]!.GetValue<long>();
        }
        // A window of two such queries and four refusals: six sent at once are more than it holds.
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString,
            new Dictionary<string, string> { ["RateLimiting:Anonymous:PermitLimit"] = (2 * price + 4).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        using var client = api.ClientFrom("127.0.0.40");

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            using var response = await client.PostAsync("/graphql", new StringContent(body, Encoding.UTF8, "application/json"));
            return (response.StatusCode, Text: await response.Content.ReadAsStringAsync(), RetryAfter: response.Headers.RetryAfter);
        }));

        // Whatever the order they arrive in, two can pay (2 × price + 4 refused × 1), a third cannot.
        Assert.Equal(2, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(4, refused.Count);
        Assert.All(refused, r =>
        {
            Assert.Contains("This query costs", r.Text);
            Assert.NotNull(r.RetryAfter);
        });
    }

    [Fact]
    public async Task A_search_pays_its_count_page_ranking_and_highlights_and_a_total_already_counted_is_free()
    {
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString);
        using var client = api.ClientFrom("127.0.0.41");
        var remaining = await RemainingAsync(client, "/v1/dataset");
        // A search by its matches, as PostgreSQL estimates them.
        var matches = await fixture.Database.EstimatedMatchesAsync("opendata.questions", "commune");
        long Matched(int perPermit) => Prices.Matched(matches, perPermit);
        var questions = await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM opendata.questions");
        // A page of 10 reads 11 rows (the one that says more follow).
        long Page(int rows, bool ranked = false) => Prices.SearchPage(matches, rows, questions, ranked);
        static long Rows(int limit) => QuestionRows(limit);
        var rows = Rows(OpenData.Api.Rest.ListResults.DefaultLimit);

        async Task<long> PermitsAsync(string sql) => (long)Math.Ceiling(await fixture.Database.EstimatedCostAsync(sql) / Prices.ReadCostPerPermit);
        // What reads through one key's index alone (a count by a senator or a ministry, a page read whole and sorted) has its rate.
        async Task<long> IndexPermitsAsync(string sql) => (long)Math.Ceiling(await fixture.Database.EstimatedCostAsync(sql) / Prices.IndexReadCostPerPermit);
        // A page whose rows are all read and sorted, by the planner's estimate of that page (at least Prices.Estimate).
        async Task<long> SortedPageAsync(string from, int rows) =>
            Math.Max(Prices.Estimate, await IndexPermitsAsync($"SELECT q.id {from} ORDER BY (q.published_at + 0) DESC, q.id DESC LIMIT {rows}"));

        var search = "/v1/questions?q=commune&limit=10";
        Assert.Equal(remaining - 1 - Rows(10) - Matched(Prices.MatchesCountedPerPermit) - Page(11), remaining = await RemainingAsync(client, search));
        Assert.Equal(remaining - 1, remaining = await RemainingAsync(client, search)); // the same answer, from the output cache
        Assert.Equal(remaining - 1 - Rows(11) - Page(12), remaining = await RemainingAsync(client, "/v1/questions?q=commune&limit=11")); // its total is remembered
        Assert.Equal(remaining - 1 - Rows(10) - Page(11, ranked: true) - Matched(Prices.MatchesRankedPerPermit) - 11 * Prices.Highlight,
            remaining = await RemainingAsync(client, search + "&sort=relevance&highlight=true")); // 10 rows and the one that says more follow
        // A word of one question: its matches counted, not the planner's guess for a word outside the column's statistics.
        var rare = await fixture.Database.ScalarAsync<string>("""
            SELECT word FROM ts_stat('SELECT search FROM opendata.questions') s WHERE ndoc = 1 AND word ~ '^[a-z]{7,}$'
              AND (SELECT count(*) FROM opendata.questions q WHERE q.search @@ websearch_to_tsquery('opendata_meta.french_unaccent', s.word)) = 1
            ORDER BY word LIMIT 1
            """);
        var guessed = await fixture.Database.ScalarAsync<string>(
            "EXPLAIN (FORMAT JSON) SELECT 1 FROM opendata.questions x WHERE x.search @@ websearch_to_tsquery('opendata_meta.french_unaccent', @rare)", new { rare });
        Assert.True(JsonNode.Parse(guessed)![0]!["Plan"]!["Plan Rows"]!.GetValue<double>() > 1, $"the planner's guess for '{rare}': {guessed}");
        Assert.Equal(1, await fixture.Database.EstimatedMatchesAsync("opendata.questions", rare));
        // Words within the statistics keep the planner's estimate, however few their matches (counting is for guesses); one
        // word alone, its estimate being its index entries; several, with each word's index entries, which finding their
        // matches reads: the statistics' share of rows holding it.
        async Task<long> PlannedAsync(string words) => (long)Math.Ceiling(JsonNode.Parse(await fixture.Database.ScalarAsync<string>(
            "EXPLAIN (FORMAT JSON) SELECT 1 FROM opendata.questions x WHERE x.search @@ websearch_to_tsquery('opendata_meta.french_unaccent', @words)",
            new { words }))![0]!["Plan"]!["Plan Rows"]!.GetValue<double>());
        async Task<long> EntriesAsync(string words) => (long)Math.Ceiling(await fixture.Database.ScalarAsync<double>("""
            SELECT sum(u.f) * (SELECT reltuples FROM pg_class WHERE oid = 'opendata.questions'::regclass)
            FROM pg_stats s, unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) u(e, f)
            WHERE s.schemaname = 'opendata' AND s.tablename = 'questions' AND s.attname = 'search'
              AND u.e = ANY (tsvector_to_array(to_tsvector('opendata_meta.french_unaccent', @words)))
            """, new { words }) / OpenData.Data.Reading.FullTextSearch.IndexEntriesPerMatch);
        Assert.Equal(await PlannedAsync("commune"), await fixture.Database.EstimatedMatchesAsync("opendata.questions", "commune"));
        // Several common words: the planner multiplies their shares, but the index reads every row of each.
        var common = string.Join(' ', await fixture.Database.QueryAsync<string>("""
            SELECT u.e FROM pg_stats s, unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) u(e, f)
            WHERE s.schemaname = 'opendata' AND s.tablename = 'questions' AND s.attname = 'search' AND u.e ~ '^[a-z]{5,}$'
              AND tsvector_to_array(to_tsvector('opendata_meta.french_unaccent', u.e)) = ARRAY[u.e]
            ORDER BY u.f DESC, u.e LIMIT 5
            """));
        var entries = await EntriesAsync(common);
        Assert.True(entries > 0, $"'{common}': no index entries");
        Assert.Equal(await PlannedAsync(common) + entries, await fixture.Database.EstimatedMatchesAsync("opendata.questions", common));
        Assert.Equal(remaining - 1 - Rows(10) - Prices.Matched(1, Prices.MatchesCountedPerPermit) - Prices.SearchPage(1, 11, questions),
            remaining = await RemainingAsync(client, $"/v1/questions?q={rare}&limit=10"));
        // A filtered count by the cost PostgreSQL's planner estimates for it.
        var count = await fixture.Database.EstimatedCostAsync(
            "SELECT count(*) FROM opendata.questions q WHERE q.status = ANY('{answered}'::text[]) AND q.legislature = 16");
        Assert.Equal(remaining - 1 - rows - Math.Max(Prices.Estimate, (long)Math.Ceiling(count / Prices.ReadCostPerPermit)),
            remaining = await RemainingAsync(client, "/v1/questions?status=answered&legislature=16"));
        // A senator's questions, counted by an index: the same rule, a smaller cost, at least KeyCount (their page in order).
        var senator = await fixture.Database.ScalarAsync<string>("SELECT id FROM opendata.senators WHERE question_count > 0 ORDER BY id LIMIT 1");
        var bySenator = await fixture.Database.EstimatedCostAsync($"SELECT count(*) FROM opendata.questions q WHERE q.author_id = '{senator}'");
        Assert.True(bySenator < count, $"{bySenator} by senator, {count} filtered");
        Assert.Equal(remaining - 1 - rows - Math.Max(Prices.KeyCount, (long)Math.Ceiling(bySenator / Prices.IndexReadCostPerPermit)),
            remaining = await RemainingAsync(client, $"/v1/senators/{senator}/questions"));
        // A ministry's questions are found by the index of their ministries, then sorted (walking the date order for them
        // read most of the table for a past ministry): each page pays for reading and sorting them, by the estimate of the
        // page itself, its total remembered or not; the first also pays for counting them.
        var ministry = await fixture.Database.ScalarAsync<long>("SELECT id FROM opendata.ministries ORDER BY question_count DESC, id LIMIT 1");
        var ofMinistry = $"FROM opendata.questions q WHERE q.ministry_ids @> ARRAY[{ministry}]::bigint[]";
        var countByMinistry = Math.Max(Prices.KeyCount, await IndexPermitsAsync($"SELECT count(*) {ofMinistry}"));
        Assert.Equal(remaining - 1 - rows - countByMinistry - await SortedPageAsync(ofMinistry, rows: 21),
            remaining = await RemainingAsync(client, $"/v1/ministries/{ministry}/questions"));
        Assert.Equal(remaining - 1 - Rows(19) - await SortedPageAsync(ofMinistry, rows: 20),
            remaining = await RemainingAsync(client, $"/v1/ministries/{ministry}/questions?limit=19"));
        // The same for questions answered in a period: their count reads an index alone, their page a row of the table each.
        var answeredBefore = "FROM opendata.questions q WHERE q.answered_at <= '2010-01-01'::date";
        var sortedPage = await SortedPageAsync(answeredBefore, rows: 21);
        Assert.True(sortedPage > await IndexPermitsAsync($"SELECT count(*) {answeredBefore}"), $"a page of {sortedPage} permits");
        Assert.Equal(remaining - 1 - rows - Math.Max(Prices.Estimate, await PermitsAsync($"SELECT count(*) {answeredBefore}")) - sortedPage,
            remaining = await RemainingAsync(client, "/v1/questions?answeredTo=2010-01-01"));
        Assert.Equal(remaining - 1 - rows - sortedPage, remaining = await RemainingAsync(client, "/v1/questions?answeredTo=2010-01-01&sort=-publishedAt&limit=20"));
        Assert.Equal(remaining - 1 - Rows(200), remaining = await RemainingAsync(client, "/v1/questions?limit=200")); // a page by an index, its rows
        // Statistics from the questions by their estimated cost too: more questions cost more.
        var recent = remaining - 1 - (remaining = await RemainingAsync(client, "/v1/stats/ministries?from=2024-01-01"));
        var since1990 = remaining - 1 - (remaining = await RemainingAsync(client, "/v1/stats/ministries?from=1990-01-01"));
        Assert.True(recent >= 1 && since1990 > recent, $"{recent} from 2024, {since1990} from 1990");
    }

    [Fact]
    public async Task A_search_is_priced_by_the_matches_PostgreSQL_estimates_for_its_words()
    {
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString);
        using var client = api.ClientFrom("127.0.0.43");
        var price = await PricerAsync(client);
        var questions = await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM opendata.questions");
        async Task<long> ExpectedAsync(string words)
        {
            var matches = await fixture.Database.EstimatedMatchesAsync("opendata.questions", words);
            return 1 + QuestionRows(10) + Prices.Matched(matches, Prices.MatchesCountedPerPermit) + Prices.SearchPage(matches, 11, questions, ranked: true)
                + Prices.Matched(matches, Prices.MatchesRankedPerPermit);
        }

        // The estimate is the planner's, from the search column's statistics: close to the true count for a common word.
        var common = await fixture.Database.EstimatedMatchesAsync("opendata.questions", "commune");
        var counted = await fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM opendata.questions q WHERE q.search @@ websearch_to_tsquery('opendata_meta.french_unaccent', 'commune')");
        Assert.InRange(common, counted / 2, counted * 2);

        var rare = await price("/v1/questions?q=xylophonistes&sort=relevance&limit=10");
        var frequent = await price("/v1/questions?q=commune&sort=relevance&limit=10");
        Assert.Equal(await ExpectedAsync("xylophonistes"), rare);
        Assert.Equal(await ExpectedAsync("commune"), frequent);
        Assert.True(frequent > 5 * rare, $"a word in {counted} questions costs {frequent}, a word in none {rare}");

        // Its facets group its matches: each paid by them (the total was counted above, and is remembered).
        var matches = await fixture.Database.EstimatedMatchesAsync("opendata.questions", "commune");
        Assert.Equal(1 + QuestionRows(10) + Prices.SearchPage(matches, 11, questions) + 2 * Prices.Matched(matches, Prices.MatchesGroupedPerPermit),
            await price("/v1/questions?q=commune&facets=ministry,year&limit=10"));
    }

    [Fact]
    public async Task A_REST_request_dearer_than_any_may_be_is_refused_naming_what_to_change_for_one_permit()
    {
        // The most a request may cost is GraphQL:MaxCost, for REST as for GraphQL: here 60, under a common word's ranking.
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString, new Dictionary<string, string> { ["GraphQL:MaxCost"] = "60" });
        using var client = api.ClientFrom("127.0.0.44");
        var remaining = await RemainingAsync(client, "/v1/dataset");

        using var refused = await client.GetAsync("/v1/questions?q=commune&sort=relevance&limit=10");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal("Request too costly", problem["title"]!.GetValue<string>());
        Assert.Contains("at most 60 permits", problem["detail"]!.GetValue<string>());
        Assert.Contains("ranking the", problem["detail"]!.GetValue<string>());
        Assert.NotNull(problem["errors"]!["sort"]);
        Assert.NotNull(problem["errors"]!["q"]);
        // Its own permit and the planner's estimate of its words' matches, which priced it: nothing else.
        Assert.Equal(remaining - 1 - Prices.Estimate, remaining = int.Parse(refused.Headers.GetValues("RateLimit-Remaining").Single(), System.Globalization.CultureInfo.InvariantCulture));

        // The same words in date order are within the limit.
        using var ordered = await client.GetAsync("/v1/questions?q=commune&limit=10");
        Assert.Equal(HttpStatusCode.OK, ordered.StatusCode);
    }

    [Fact]
    public async Task A_query_refused_for_its_estimated_price_pays_for_the_estimates_it_needed_and_no_more()
    {
        // Two live statistics new to the server: the least they can cost is within a MaxCost of 30, their estimates are not.
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString, new Dictionary<string, string> { ["GraphQL:MaxCost"] = "30" });
        using var client = api.ClientFrom("127.0.0.45");
        var body = new JsonObject
        {
            ["query"] = """{ a: ministryStats(filter: {from: "1990-01-01"}) { questions } b: ministryStats(filter: {from: "1991-01-01"}) { questions } }""",
        }.ToJsonString();
        async Task<(int Remaining, string Text)> PostAsync()
        {
            using var response = await client.PostAsync("/graphql", new StringContent(body, Encoding.UTF8, "application/json"));
            return (int.Parse(response.Headers.GetValues("RateLimit-Remaining").Single(), System.Globalization.CultureInfo.InvariantCulture),
                await response.Content.ReadAsStringAsync());
        }
        var before = await RemainingAsync(client, "/v1/dataset");

        var (afterFirst, first) = await PostAsync();
        Assert.Contains("MAX_COST_EXCEEDED", first);
        Assert.Contains("computing statistics from the filtered questions, estimated cost", first);
        Assert.Equal(before - 1 - 2 * Prices.Estimate, afterFirst); // its permit and the two statements the planner estimated

        var (afterSecond, second) = await PostAsync(); // the estimates are remembered: refused again, for its permit alone
        Assert.Contains("MAX_COST_EXCEEDED", second);
        Assert.Equal(afterFirst - 1, afterSecond);
    }

    [Fact]
    public async Task Statistics_with_their_delays_pay_a_higher_rate_of_planner_cost_than_without()
    {
        // Refused once estimated (MaxCost 10, over the least they can cost), each naming the estimated cost of its statement and the price it made.
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString, new Dictionary<string, string> { ["GraphQL:MaxCost"] = "10" });
        using var client = api.ClientFrom("127.0.0.48");
        async Task<(double Cost, long Price)> PricedAsync(string selection, string what)
        {
            var (_, body) = await GraphQLAbuseTests.PostAsync(client, $$"""{ ministryStats(filter: {from: "1992-01-01"}) { {{selection}} } }""", accept: "application/json");
            var message = body["errors"]![0]!["message"]!.GetValue<string>();
            var match = System.Text.RegularExpressions.Regex.Match(message, System.Text.RegularExpressions.Regex.Escape(what) + @", estimated cost (\d+) \((\d+)\)");
            Assert.True(match.Success, message);
            return (double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), long.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
        // The cost is shown rounded: the price is within a permit of the rate applied to it.
        var (cost, price) = await PricedAsync("questions answered", "computing statistics from the filtered questions");
        Assert.InRange(price, Math.Max(Prices.Estimate, (long)Math.Ceiling((cost - 1) / Prices.StatisticsCostPerPermit)), Math.Max(Prices.Estimate, (long)Math.Ceiling((cost + 1) / Prices.StatisticsCostPerPermit)));
        var (withDelays, delayed) = await PricedAsync("questions timeToAnswer { median }", "computing statistics and delays from the filtered questions");
        Assert.InRange(delayed, Math.Max(Prices.Estimate, (long)Math.Ceiling((withDelays - 1) / Prices.StatisticsWithDelaysCostPerPermit)),
            Math.Max(Prices.Estimate, (long)Math.Ceiling((withDelays + 1) / Prices.StatisticsWithDelaysCostPerPermit)));
        Assert.True(delayed > price, $"{delayed} with the delays, {price} without");
    }

    [Fact]
    public async Task A_live_timeline_pays_for_its_planning_and_a_search_filtered_one_for_reading_its_matches()
    {
        // MaxCost 30: over the least a searched timeline can cost (so its matches are estimated), under what they make it cost.
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString, new Dictionary<string, string> { ["GraphQL:MaxCost"] = "30" });
        using var client = api.ClientFrom("127.0.0.95");
        var matches = await fixture.Database.EstimatedMatchesAsync("opendata.questions", "commune");
        var (_, body) = await GraphQLAbuseTests.PostAsync(client, """{ timeline(filter: {q: "commune"}) { period questions } }""", accept: "application/json");
        var message = body["errors"]![0]!["message"]!.GetValue<string>();
        Assert.Contains($"reading the {matches} estimated matches of the full-text search it filters by ({Prices.Matched(matches, Prices.MatchesCountedPerPermit)})", message);
        Assert.Contains($"computing a timeline from the filtered questions, estimated cost", message);

        // Refused, it pays the estimates that priced it: its search's, and its statement's planning as a live timeline's.
        using var refusing = api.ClientFrom("127.0.0.97");
        var before = await RemainingAsync(refusing, "/v1/dataset");
        using (var refused = await refusing.GetAsync("/v1/stats/timeline?q=commune%20-zzpricing"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal(before - 1 - Prices.Estimate - Prices.LiveTimeline, int.Parse(refused.Headers.GetValues("RateLimit-Remaining").Single(), System.Globalization.CultureInfo.InvariantCulture));
        }

        // Without words it pays what the planner's cost says, and planning it however few rows it selects.
        (_, body) = await GraphQLAbuseTests.PostAsync(client, """{ timeline(filter: {nature: [QE], publishedFrom: "2026-11-30"}) { period } }""", accept: "application/json");
        Assert.True(body["errors"] is null, body.ToJsonString());
        Assert.InRange(body["extensions"]!["cost"]!["requested"]!.GetValue<long>(), 1 + Prices.LiveTimeline, 30);

        // REST alike: a word in no question still pays the timeline's planning.
        await using var defaults = new KestrelApi(fixture.Database.ReaderConnectionString);
        using var rest = defaults.ClientFrom("127.0.0.96");
        var price = await PricerAsync(rest);
        Assert.Equal(1 + Prices.LiveTimeline + Prices.Matched(await fixture.Database.EstimatedMatchesAsync("opendata.questions", "xylophonistes"), Prices.MatchesCountedPerPermit),
            await price("/v1/stats/timeline?q=xylophonistes"));
    }

    [Fact]
    public async Task A_query_of_several_new_searches_is_priced_by_all_their_estimates_the_first_time_it_is_sent()
    {
        // The estimates are remembered by the server: a later client's request finds them all known (no totals: a total
        // counted once is remembered, and free from then on). A search not yet estimated is priced as matching every
        // question, which three searches of few matches are far from.
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString);
        const string query = """
            { a: questions(first: 5, filter: {q: "xylophonistes"}) { nodes { id } }
              b: questions(first: 5, filter: {q: "ponts"}) { nodes { id } }
              c: questions(first: 5, filter: {q: "hôpital"}) { nodes { id } } }
            """;
        var questions = await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM opendata.questions");
        foreach (var words in new[] { "ponts", "hôpital" })
            Assert.InRange(await fixture.Database.EstimatedMatchesAsync("opendata.questions", words), 0, questions / 10);
        async Task<long> PriceAsync(string address)
        {
            using var client = api.ClientFrom(address);
            var (status, body) = await GraphQLAbuseTests.PostAsync(client, query, accept: "application/json");
            Assert.True(status == HttpStatusCode.OK && body["errors"] is null, body.ToJsonString());
            return body["extensions"]!["cost"]!["requested"]!.GetValue<long>();
        }
        var first = await PriceAsync("127.0.0.97");
        await PriceAsync("127.0.0.98");
        Assert.Equal(await PriceAsync("127.0.0.99"), first);
    }

    [Fact]
    public async Task A_page_of_a_search_known_to_match_few_rows_is_read_by_the_search_index_not_by_walking_its_order()
    {
        // PostgreSQL guesses a word outside its statistics at about 1,000 matches and walks the date index until the page
        // is full: for a word in no question, every question (0.9-1.3 s at 300,000, priced 6). When the page reads its
        // matches by the rule its price follows (FullTextSearch.WalksOrderIndex), its order is written so that no index
        // supplies it, and the statement, planned for its values, keeps that form.
        var few = new OpenData.Data.Reading.FewMatches(new OpenData.Data.Reading.FullTextSearch("opendata.questions", "xylophonistes"), pageRows: 6);
        Assert.Equal(false, few.Of(_ => null, 300_000)); // not estimated: the planner chooses
        Assert.Equal(false, few.Of(_ => 0, null)); // the dataset's size not known: the planner chooses
        Assert.Equal(true, few.Of(_ => 0, 300_000));
        Assert.Equal(true, few.Of(search => search.Words == "xylophonistes" ? 500 : null, 300_000)); // walk 3,600 rows ≥ 5 × 500
        Assert.Equal(false, few.Of(_ => 2_000, 300_000)); // walk 900 rows < 5 × 2,000: walked, as it is priced
        Assert.Equal(true, few.Of(_ => 2_000, 10_000_000));
        foreach (var matches in new long[] { 0, 100, 500, 1_200, 2_000, 50_000 })
            Assert.Equal(!OpenData.Data.Reading.FullTextSearch.WalksOrderIndex(matches, 6, 300_000), few.Of(_ => matches, 300_000));

        var keyset = OpenData.Data.Questions.QuestionSql.Keyset(OpenData.Data.Questions.QuestionSort.PublishedDesc, null).UnindexedWhen("$2");
        await using var connection = await fixture.Database.OpenOwnerAsync();
        await connection.ExecuteAsync($"""
            SET plan_cache_mode = force_custom_plan;
            SET enable_sort = off;
            PREPARE page(text, boolean) AS SELECT q.id FROM opendata.questions q
            WHERE q.search @@ {OpenData.Data.Reading.FullTextSearch.Query("$1")} ORDER BY {keyset.OrderBy} LIMIT 5
            """);
        async Task<string> PlanAsync(bool few) => await connection.ExecuteScalarAsync<string>(
            $"EXPLAIN (FORMAT JSON) EXECUTE page('xylophonistes', {(few ? "true" : "false")})") ?? "";
        // Sorting disabled: where the order can come from the date index the planner takes it, where it cannot it must sort.
        var walked = await PlanAsync(few: false);
        Assert.Contains("questions_published", walked);
        Assert.DoesNotContain("\"Node Type\": \"Sort\"", walked);
        var sorted = await PlanAsync(few: true);
        Assert.DoesNotContain("questions_published", sorted);
        Assert.Contains("\"Node Type\": \"Sort\"", sorted);
    }

    [Fact]
    public async Task Statements_a_request_could_not_have_estimated_are_priced_as_their_widest_filter_would_be()
    {
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString);
        using var client = api.ClientFrom("127.0.0.46");
        // Six totals under filters new to the server: the first four are estimated with the request, the last two are not.
        var years = Enumerable.Range(2004, 6).ToList();
        var body = new JsonObject
        {
            ["query"] = "{ " + string.Concat(years.Select(y => $"c{y}: questions(first: 0, filter: {{publishedFrom: \"{y}-01-01\"}}) {{ totalCount }} ")) + "}",
        }.ToJsonString();
        async Task<long> PriceAsync()
        {
            using var response = await client.PostAsync("/graphql", new StringContent(body, Encoding.UTF8, "application/json"));
            var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.True(answer["errors"] is null, answer.ToJsonString());
            return answer["extensions"]!["cost"]!["requested"]!.GetValue<long>();
        }
        var questions = await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM opendata.questions");
        var counts = new List<long>();
        foreach (var year in years)
            counts.Add(Math.Max(Prices.Estimate, (long)Math.Ceiling(await fixture.Database.EstimatedCostAsync(
                $"SELECT count(*) FROM opendata.questions q WHERE q.published_at >= '{year}-01-01'::date") / Prices.ReadCostPerPermit)));
        // Its permit, four counts at their estimates, two at a count of every question, and the six values it returns (1).
        Assert.Equal(1 + counts.Take(4).Sum() + 2 * Prices.Scaled(Prices.UnestimatedCount, questions) + 1, await PriceAsync());
    }

    [Fact]
    public async Task A_caller_who_cannot_pay_is_refused_before_anything_runs()
    {
        // A live timeline, priced by its estimated cost: learnt from a first API, as the window is sized before the API starts.
        const string url = "/v1/stats/timeline?theme=1";
        long timeline;
        await using (var probe = new KestrelApi(fixture.Database.ReaderConnectionString))
        {
            using var prober = probe.ClientFrom("127.0.0.44");
            var before = await RemainingAsync(prober, "/v1/dataset");
            timeline = before - 1 - await RemainingAsync(prober, url);
        }
        Assert.True(timeline > 4, $"a timeline costs {timeline}: too little for this test");
        // A window of one live timeline and 5 permits: the second cannot be paid. No output cache: the second is the same
        // statement, whose estimate the first left, so that nothing at all is sent to PostgreSQL before it is refused.
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString, new Dictionary<string, string>
        {
            ["RateLimiting:Anonymous:PermitLimit"] = (timeline + 5).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OutputCache:Enabled"] = "false",
        });
        using var client = api.ClientFrom("127.0.0.42");
        var remaining = await RemainingAsync(client, url);
        Assert.Equal(timeline + 5 - 1 - timeline, remaining);

        // Were anything to run, it would wait for the lock until its statement timeout.
        await using var owner = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await owner.OpenAsync();
        await using var transaction = await owner.BeginTransactionAsync();
        await owner.ExecuteAsync("LOCK TABLE opendata.questions IN ACCESS EXCLUSIVE MODE", transaction: transaction);
        using var refused = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode); // had it run, it would have waited for the lock, then timed out (503)
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Contains($"costs {1 + timeline} permits", problem["detail"]!.GetValue<string>());
        Assert.Contains("computing a timeline from the filtered questions", problem["detail"]!.GetValue<string>());
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(remaining - 1, int.Parse(refused.Headers.GetValues("RateLimit-Remaining").Single())); // only the request's own permit
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task An_export_pays_for_its_rows_before_they_are_read()
    {
        var rows = await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM opendata.questions");
        var price = (int)Prices.Export(rows);
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString,
            new Dictionary<string, string> { ["RateLimiting:Anonymous:PermitLimit"] = (price + 2).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        using var client = api.ClientFrom("127.0.0.43");

        Assert.Equal(price + 2 - 1 - Prices.Export(250), await RemainingAsync(client, "/v1/questions?format=csv&limit=250")); // 1, plus its rows
        using var whole = await client.GetAsync("/v1/questions?format=csv");
        Assert.Equal(HttpStatusCode.TooManyRequests, whole.StatusCode); // 1 + price: more than the price − 2 permits left
        Assert.Equal("application/problem+json", whole.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"This export of {rows} rows costs {price + 1} permits", await whole.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_export_dearer_than_the_clients_whole_window_is_refused_for_its_permit()
    {
        var rows = await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM opendata.questions");
        var price = (int)Prices.Export(rows);
        // A window of as many permits as the export's rows cost: with the request's own, it could never pay them.
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString,
            new Dictionary<string, string> { ["RateLimiting:Anonymous:PermitLimit"] = price.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        using var client = api.ClientFrom("127.0.0.49");

        // A smaller export runs (and counts the total, remembered from then on).
        var remaining = await RemainingAsync(client, "/v1/questions?format=csv&limit=250");
        Assert.Equal(price - 1 - Prices.Export(250), remaining);
        using var whole = await client.GetAsync("/v1/questions?format=csv");
        var text = await whole.Content.ReadAsStringAsync();
        Assert.True(whole.StatusCode == HttpStatusCode.BadRequest, $"{(int)whole.StatusCode} {text[..Math.Min(300, text.Length)]}");
        Assert.Equal("application/problem+json", whole.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        Assert.Contains($"This export of {rows} rows costs {price + 1} permits", problem["detail"]!.GetValue<string>());
        var limit = problem["errors"]!["limit"]![0]!.GetValue<string>();
        Assert.Contains($"At most {(price - 1) * Prices.ExportRowsPerPermit} rows", limit);
        Assert.Contains("/v1/downloads", limit);
        Assert.Equal(remaining - 1, int.Parse(whole.Headers.GetValues("RateLimit-Remaining").Single(), System.Globalization.CultureInfo.InvariantCulture)); // its permit alone
    }

    [Fact]
    public async Task No_request_may_cost_more_than_its_clients_window_holds()
    {
        // An anonymous window of 50 permits, under GraphQL:MaxCost: the most one request of such a client may cost.
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString, new Dictionary<string, string> { ["RateLimiting:Anonymous:PermitLimit"] = "50" });
        using var client = api.ClientFrom("127.0.0.50");
        var remaining = await RemainingAsync(client, "/v1/dataset");

        // 300 texts: 76 permits.
        var (status, body) = await GraphQLAbuseTests.PostAsync(client, "{ questions(first: 100) { nodes { a: text b: text c: text } } }");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("MAX_COST_EXCEEDED", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Contains("at most 50 are allowed (this client's window", body["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Equal(50, body["extensions"]!["cost"]!["limit"]!.GetValue<long>());
        Assert.True(body["extensions"]!["cost"]!["requested"]!.GetValue<long>() > 50, body.ToJsonString());

        // 200 highlighted rows: 400 permits and more.
        using var rest = await client.GetAsync("/v1/questions?q=commune&highlight=true&limit=200");
        var text = await rest.Content.ReadAsStringAsync();
        Assert.True(rest.StatusCode == HttpStatusCode.BadRequest, $"{(int)rest.StatusCode} {text[..Math.Min(300, text.Length)]}");
        Assert.Contains("A request may cost at most 50 permits (this client's window", JsonNode.Parse(text)!["detail"]!.GetValue<string>());
        // Each refused for its own permit and the estimate of the words' matches.
        Assert.Equal(remaining - 2 - Prices.Estimate, int.Parse(rest.Headers.GetValues("RateLimit-Remaining").Single(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Each_row_of_a_page_under_another_row_is_priced_as_a_row_found_by_its_key()
    {
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString);
        using var client = api.ClientFrom("127.0.0.51");
        // 20 senators' pages of 100 questions: 20 pages, 20 × 101 rows read one by one, 2,000 ids returned in 2,020 objects
        // (each row of a list is built as an object, priced as a value).
        var (status, body) = await GraphQLAbuseTests.PostAsync(client, "{ senators(first: 20) { nodes { questions(first: 100) { nodes { id } } } } }");
        Assert.Equal(HttpStatusCode.OK, status);
        var returned = (long)Math.Ceiling((20.0 * 100 + 20 + 20 * 100) / Prices.ValuesPerPermit + 20.0 * 101 / Prices.LookupsPerPermit);
        Assert.Equal(1 + (20 + Prices.NestedPagesPerPermit - 1) / Prices.NestedPagesPerPermit + returned, body["extensions"]!["cost"]!["requested"]!.GetValue<long>());
    }

    [Fact]
    public async Task Unanswered_questions_in_an_order_of_the_answers_pay_for_reading_and_sorting_them_all()
    {
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString);
        using var client = api.ClientFrom("127.0.0.52");
        var price = await PricerAsync(client);
        // They come last in that order: walking it would read every answered question first. Each page is read by the
        // filter's own index and sorted instead, and pays the planner's estimate of that page (at least Prices.Estimate).
        await price("/v1/questions?status=lapsed,withdrawn"); // counts the total, remembered from then on
        foreach (var sort in new[] { "-answeredAt", "answerDelayDays", "-answerDelayDays" })
            Assert.True(await price($"/v1/questions?status=lapsed,withdrawn&sort={sort}") >= 1 + QuestionRows(OpenData.Api.Rest.ListResults.DefaultLimit) + Prices.Estimate, sort);
        Assert.Equal(1 + QuestionRows(OpenData.Api.Rest.ListResults.DefaultLimit), await price("/v1/questions?status=lapsed,withdrawn&sort=publishedAt"));
        // Overdue questions are found by the partial index of awaiting questions' deadlines, not by reading every question.
        var overdue = await fixture.Database.ScalarAsync<string>(
            $"EXPLAIN (FORMAT JSON) SELECT count(*) FROM opendata.questions q WHERE {OpenData.Data.Questions.QuestionPredicates.OverdueWhere("q")}");
        Assert.Contains("questions_overdue", overdue);
    }

    [Fact]
    public async Task A_request_that_kept_postgresql_busier_than_its_price_is_billed_the_difference()
    {
        // No margin: any time beyond the price is billed (the default is 100 ms; the test hosts' 60 s keep prices exact).
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString, new Dictionary<string, string>
        {
            ["RateLimiting:BillBeyondMilliseconds"] = "0",
            ["OutputCache:Enabled"] = "false",
        });
        using var client = api.ClientFrom("127.0.0.53");
        var remaining = await RemainingAsync(client, "/v1/dataset");

        // A page of answers held 50 ms behind a lock: its statement is as slow as a misjudged one would be.
        await using var owner = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await owner.OpenAsync();
        await using (var transaction = await owner.BeginTransactionAsync())
        {
            await owner.ExecuteAsync("LOCK TABLE opendata.answers IN ACCESS EXCLUSIVE MODE", transaction: transaction);
            var held = client.GetAsync("/v1/answers?limit=5");
            await Eventually.TrueAsync(async () => await owner.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'opendata.answers'::regclass",
                transaction: transaction) > 0, "the page to wait for the lock");
            await owner.ExecuteAsync("SELECT pg_sleep(0.05)", transaction: transaction); // the lock held 50 ms more
            await transaction.CommitAsync();
            using var answer = await held;
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode); // its work is done: it is answered, then billed
        }
        // It paid its price (2) and was billed the rest of its time: at least 50 ms, 10 permits a millisecond in all.
        var after = await RemainingAsync(client, "/v1/dataset"); // and this request's own permit
        Assert.True(remaining - after >= 50 * Prices.PermitsPerMillisecond + 1, $"{remaining} before, {after} after");
    }

    [Fact]
    public async Task A_page_of_twin_groups_pays_each_group_as_the_rows_it_reads()
    {
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString);
        using var client = api.ClientFrom("127.0.0.147");
        static long Rows(long rows) => (rows + Prices.PageRowsPerPermit - 1) / Prices.PageRowsPerPermit;
        var remaining = await RemainingAsync(client, "/v1/dataset");
        // Its request, each group as the rows of its questions and groups, and its count (by an index: a small table).
        Assert.Equal(remaining - 1 - Rows(50 * OpenData.Data.Twins.TwinQueries.GroupRowWeight) - Prices.KeyCount,
            remaining = await RemainingAsync(client, "/v1/twins?limit=50"));
        Assert.Equal(remaining - 1 - Rows(5 * OpenData.Data.Twins.TwinQueries.GroupRowWeight) - Prices.KeyCount,
            await RemainingAsync(client, "/v1/twins?limit=5&minSize=3"));
    }

    [Fact]
    public async Task The_imports_figures_pay_the_rows_they_return_and_the_change_feed_its_rows()
    {
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString);
        using var client = api.ClientFrom("127.0.0.47");
        var price = await PricerAsync(client);
        static long Ceiling(long n, long per) => (n + per - 1) / per;

        // Every ministry's figures, as the planner estimates their rows (the table's, analyzed by the import).
        var ministries = await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM opendata.ministry_stats");
        var all = await price("/v1/stats/ministries");
        Assert.Equal(1 + Ceiling(ministries, Prices.FigureRowsPerPermit), all);
        var current = await price("/v1/stats/ministries?current=true");
        Assert.InRange(current, 2, all);
        // The timeline's periods, from the months the dataset spans (list_bounds): as many months, or the years they cross.
        var months = await fixture.Database.ScalarAsync<int>("SELECT (list_bounds->>'months')::int FROM opendata.dataset ORDER BY version DESC LIMIT 1");
        Assert.True(months > 12, $"{months} months");
        Assert.Equal(1 + Ceiling(months, Prices.FigureRowsPerPermit), await price("/v1/stats/timeline"));
        Assert.Equal(1 + Ceiling((months + 22) / 12, Prices.FigureRowsPerPermit), await price("/v1/stats/timeline?interval=year"));
        // The change feed's rows, a page row for three changes.
        foreach (var limit in new[] { 10, 100 })
            Assert.Equal(1 + Ceiling(Ceiling(limit, OpenData.Data.Changes.ChangeQueries.ChangesPerPageRow), Prices.PageRowsPerPermit),
                await price($"/v1/changes?limit={limit}"));
    }

    /// <summary>What a page of questions pays for its rows, each weighing two of an answer's.</summary>
    private static long QuestionRows(int limit) =>
        (limit * OpenData.Data.Questions.QuestionQueries.RowWeight + Prices.PageRowsPerPermit - 1) / Prices.PageRowsPerPermit;

    /// <summary>The price of each request of <paramref name="client"/> from then on: the drop of its RateLimit-Remaining.</summary>
    private static async Task<Func<string, Task<long>>> PricerAsync(HttpClient client)
    {
        long remaining = await RemainingAsync(client, "/v1/dataset");
        return async path => remaining - (remaining = await RemainingAsync(client, path));
    }

    /// <summary>The permits left after a successful GET of <paramref name="url"/>.</summary>
    internal static async Task<int> RemainingAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        await response.Content.ReadAsByteArrayAsync();
        return int.Parse(response.Headers.GetValues("RateLimit-Remaining").Single());
    }
}
