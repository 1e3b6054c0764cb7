namespace OpenData.Ingest.Tests;

/// <summary>What the importer derives from a hand-written dump whose every row is an edge case.</summary>
public sealed class EdgeCaseImportTests(EdgeCaseFixture fixture) : IClassFixture<EdgeCaseFixture>
{
    [Fact]
    public async Task Status_is_derived_from_the_answer_and_the_outcome_label()
    {
        var statuses = (await fixture.Database.QueryAsync<(string Id, string Status)>("SELECT id, status FROM opendata.questions"))
            .ToDictionary(r => r.Id, r => r.Status);

        Assert.Equal("answered", statuses["SEQ200100001"]);
        Assert.Equal("awaiting_answer", statuses["SEQ200200002"]);
        Assert.Equal("lapsed", statuses["SEQ210300003"]);
        Assert.Equal("withdrawn", statuses["SEQ210400004"]);
        Assert.Equal("converted", statuses["SEQ210500005"]);
        Assert.Equal("answered", statuses["SEO210600006"]);
        Assert.Equal("answered", statuses["SEQ220700007"]); // "Réponse commune"
        Assert.Equal("answered", statuses["SEQ220800010"]); // label says awaiting, but datejorep1 is set
        Assert.Equal(12, statuses.Count);
    }

    [Fact]
    public async Task A_dump_not_written_by_the_generator_is_the_senates_with_its_licence_and_source()
    {
        var dataset = await fixture.Database.QuerySingleAsync<(bool Generated, string? Licence, string? SourceUrl)>(
            "SELECT generated, licence, source_url FROM opendata.dataset");
        Assert.Equal((false, "Licence Ouverte / Open Licence 2.0 (Etalab)", "https://data.senat.fr/les-questions-ecrites-et-orales/"), dataset);
        // and every question links to its page on senat.fr.
        Assert.Equal(0, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM opendata.questions WHERE url IS NULL"));
    }

    [Fact]
    public async Task Delay_and_deadline_are_computed_from_the_dates()
    {
        var first = await fixture.Database.QuerySingleAsync<(DateTime? AnsweredAt, int? Delay, DateTime? Deadline)>(
            "SELECT answered_at, answer_delay_days, deadline FROM opendata.questions WHERE id = 'SEQ200100001'");
        Assert.Equal(new DateTime(2020, 3, 2), first.AnsweredAt);
        Assert.Equal(47, first.Delay); // 2020 is a leap year
        Assert.Equal(new DateTime(2020, 3, 15), first.Deadline);

        var oral = await fixture.Database.QuerySingleAsync<(int? Delay, DateTime? Deadline)>(
            "SELECT answer_delay_days, deadline FROM opendata.questions WHERE id = 'SEO210600006'");
        Assert.Equal(21, oral.Delay);
        Assert.Null(oral.Deadline); // oral questions have no two-month deadline

        var withoutAnswerRow = await fixture.Database.QuerySingleAsync<(DateTime? AnsweredAt, int? Delay, string? Ministry)>(
            "SELECT answered_at, answer_delay_days, answer_ministry_name FROM opendata.questions WHERE id = 'SEQ220800010'");
        Assert.Equal((new DateTime(2022, 10, 1), 61, "Intérieur et outre-mer"), (withoutAnswerRow.AnsweredAt, withoutAnswerRow.Delay, withoutAnswerRow.Ministry));
    }

    [Fact]
    public async Task An_unanswered_written_question_past_its_deadline_is_overdue()
    {
        var overdue = await fixture.Database.QueryAsync<string>(
            "SELECT id FROM opendata.questions WHERE status = 'awaiting_answer' AND deadline < current_date ORDER BY id");
        Assert.Equal(["SEQ200200002", "SEQ230100011"], overdue);
    }

    [Fact]
    public async Task Copy_escapes_are_decoded_exactly()
    {
        var row = await fixture.Database.QuerySingleAsync<(string Title, string Text)>("SELECT title, text FROM opendata.questions WHERE id = 'SEQ200100001'");
        Assert.Equal("Désertification médicale \\ « zones rurales »", row.Title);
        Assert.Equal("Première ligne\navec\ttabulation, barre \\ oblique et « guillemets » l'apostrophe \"citée\".\r\nFin.", row.Text);
    }

    [Fact]
    public async Task Questions_by_authors_missing_from_the_senators_file_import_and_are_counted()
    {
        var unknown = await fixture.Database.QuerySingleAsync<(string AuthorName, bool Known, string? Group)>(
            "SELECT author_name, author_known, author_group FROM opendata.questions WHERE id = 'SEQ210300003'");
        Assert.Equal(("Jean INCONNU", false, "NI"), unknown);
        Assert.Equal(1, await fixture.Database.QuerySingleAsync<int>("SELECT unknown_authors FROM opendata.dataset"));
        Assert.Contains("questions whose author is not in the senators file: 1", fixture.Import.Output);
    }

    [Fact]
    public async Task The_author_is_a_snapshot_spelt_as_in_the_senators_file()
    {
        var author = await fixture.Database.QuerySingleAsync<(string Name, string Group, string Constituency)>(
            "SELECT author_name, author_group, author_constituency FROM opendata.questions WHERE id = 'SEQ200200002'");
        // The question keeps the group at the time (UMP), not today's (LR).
        Assert.Equal(("Éric L'Hôte", "UMP", "Bouches-du-Rhône"), author);
    }

    [Fact]
    public async Task A_common_answer_links_every_question_it_answers()
    {
        var answers = await fixture.Database.QueryAsync<(string QuestionId, string[] SharedWith, string CommonAnswerId)>(
            "SELECT question_id, shared_with, common_answer_id FROM opendata.answers WHERE common_answer_id IS NOT NULL ORDER BY question_id");
        Assert.Equal(3, answers.Count);
        Assert.All(answers, a => Assert.Equal("rep-A", a.CommonAnswerId));
        Assert.Equal(["SEQ220700008", "SEQ220700009"], answers[0].SharedWith);
        Assert.Equal(["SEQ220700007", "SEQ220700009"], answers[1].SharedWith);
        Assert.Empty(await fixture.Database.QueryAsync<string>("SELECT question_id FROM opendata.answers WHERE common_answer_id IS NULL AND cardinality(shared_with) > 0"));
    }

    [Fact]
    public async Task When_a_question_has_several_answer_rows_the_first_published_is_kept()
    {
        var answer = await fixture.Database.QuerySingleAsync<(DateTime PublishedAt, string Text, int ErratumPage)>(
            "SELECT published_at, text, erratum_page FROM opendata.answers WHERE question_id = 'SEQ240100012'");
        Assert.Equal((new DateTime(2024, 2, 1), "Première réponse.", 12), answer);
        Assert.Contains("1 questions have more than one answer row", fixture.Import.Output);
    }

    [Fact]
    public async Task A_transferred_question_belongs_to_every_ministry_that_handled_it()
    {
        var question = await fixture.Database.QuerySingleAsync<(long MinistryId, long TransferId, DateTime TransferredAt, long AnswerId, string AnswerName, long[] MinistryIds)>(
            "SELECT ministry_id, transfer_ministry_id, transferred_at, answer_ministry_id, answer_ministry_name, ministry_ids FROM opendata.questions WHERE id = 'SEQ220700007'");
        Assert.Equal((20L, 40L, new DateTime(2022, 7, 20), 40L, "Culture"), (question.MinistryId, question.TransferId, question.TransferredAt, question.AnswerId, question.AnswerName));
        Assert.Equal([20L, 40L], question.MinistryIds);
    }

    [Fact]
    public async Task A_question_and_an_answer_say_whether_the_rows_they_refer_to_exist()
    {
        // GraphQL reads a referenced ministry's name and an answer's date from the referring row when these say the row exists.
        var flags = (await fixture.Database.QueryAsync<(string Id, bool Ministry, bool Transfer, bool AnswerMinistry, bool Answer, bool AnswerRowMinistry)>(
            "SELECT id, ministry_listed, transfer_ministry_listed, answer_ministry_listed, answer_listed, answer_row_ministry_listed FROM opendata.questions"))
            .ToDictionary(r => r.Id, r => (r.Ministry, r.Transfer, r.AnswerMinistry, r.Answer, r.AnswerRowMinistry));
        var existing = (await fixture.Database.QueryAsync<(string Id, bool Ministry, bool Transfer, bool AnswerMinistry, bool Answer, bool AnswerRowMinistry)>("""
            SELECT q.id, m.id IS NOT NULL, t.id IS NOT NULL, r.id IS NOT NULL, a.question_id IS NOT NULL, am.id IS NOT NULL
            FROM opendata.questions q
            LEFT JOIN opendata.ministries m ON m.id = q.ministry_id
            LEFT JOIN opendata.ministries t ON t.id = q.transfer_ministry_id
            LEFT JOIN opendata.ministries r ON r.id = q.answer_ministry_id
            LEFT JOIN opendata.answers a ON a.question_id = q.id
            LEFT JOIN opendata.ministries am ON am.id = a.ministry_id
            """)).ToDictionary(r => r.Id, r => (r.Ministry, r.Transfer, r.AnswerMinistry, r.Answer, r.AnswerRowMinistry));
        Assert.Equal(existing, flags);
        Assert.Equal((false, false, false, false, false), flags["SEQ230100011"]); // addressed to a ministry the file does not list
        Assert.Equal((true, false, true, false, false), flags["SEQ220800010"]); // answered by datejorep1 alone: no answer row
        Assert.Equal((true, false, true, true, false), flags["SEO210600006"]); // its answer row names no ministry, the question does
        Assert.Equal((true, true, true, true, true), flags["SEQ220700007"]); // transferred and answered
        Assert.Equal(0, await fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM opendata.answers a WHERE a.ministry_listed IS DISTINCT FROM EXISTS (SELECT FROM opendata.ministries m WHERE m.id = a.ministry_id)"));
        Assert.False(await fixture.Database.ScalarAsync<bool>("SELECT ministry_listed FROM opendata.answers WHERE question_id = 'SEO210600006'"));

        // A referring row holds the ministries table's name for a listed ministry (and keeps the one it gives an unlisted
        // one); an answer naming a listed ministry names the question's answering ministry.
        Assert.Equal("Ministère de la Mer", await fixture.Database.ScalarAsync<string>("SELECT ministry_name FROM opendata.questions WHERE id = 'SEQ230100011'"));
        Assert.Equal(0, await fixture.Database.ScalarAsync<long>("""
            SELECT (SELECT count(*) FROM opendata.questions q JOIN opendata.ministries m ON m.id = q.ministry_id WHERE q.ministry_name <> m.name)
                 + (SELECT count(*) FROM opendata.questions q JOIN opendata.ministries m ON m.id = q.transfer_ministry_id WHERE q.transfer_ministry_name <> m.name)
                 + (SELECT count(*) FROM opendata.questions q JOIN opendata.ministries m ON m.id = q.answer_ministry_id WHERE q.answer_ministry_name <> m.name)
                 + (SELECT count(*) FROM opendata.answers a JOIN opendata.ministries m ON m.id = a.ministry_id WHERE a.ministry_name <> m.name)
                 + (SELECT count(*) FROM opendata.questions q JOIN opendata.answers a ON a.question_id = q.id
                    WHERE q.answer_row_ministry_listed AND a.ministry_id IS DISTINCT FROM q.answer_ministry_id)
                 + (SELECT count(*) FROM opendata.questions q JOIN opendata.answers a ON a.question_id = q.id
                    WHERE a.published_at IS DISTINCT FROM q.answered_at OR a.delay_days IS DISTINCT FROM q.answer_delay_days)
            """));
        // A known author's name is the senators table's; an unknown one has none.
        var authors = (await fixture.Database.QueryAsync<(string Id, bool Known, string? Name, string? SenatorName)>("""
            SELECT q.id, q.author_known, q.author_senator_name, s.name FROM opendata.questions q LEFT JOIN opendata.senators s ON s.id = q.author_id
            """)).ToList();
        Assert.All(authors, a => Assert.Equal((a.SenatorName is not null, a.SenatorName), (a.Known, a.Name)));
        Assert.Contains(authors, a => !a.Known);
        Assert.Contains(authors, a => a.Known);
    }

    [Fact]
    public async Task Ministry_lineage_follows_replacements_back_through_every_government()
    {
        var ministries = (await fixture.Database.QueryAsync<(long Id, long? SuccessorId, long[] PredecessorIds, long[] LineageIds, bool Current)>(
            "SELECT id, successor_id, predecessor_ids, lineage_ids, current FROM opendata.ministries")).ToDictionary(m => m.Id);

        Assert.Equal([10L, 11L], ministries[20].PredecessorIds);
        Assert.Equal([20L], ministries[30].PredecessorIds);
        Assert.Equal([10L, 11L, 20L, 30L], ministries[30].LineageIds);
        Assert.Equal(30L, ministries[20].SuccessorId);
        Assert.True(ministries[30].Current);
        Assert.False(ministries[10].Current);
        Assert.Equal([40L], ministries[40].LineageIds);
    }

    [Fact]
    public async Task A_reminder_points_to_the_question_it_reminds()
    {
        var reminder = await fixture.Database.QuerySingleAsync<(string RemindsId, DateTime RemindedAt)>(
            "SELECT reminds_question_id, reminded_at FROM opendata.questions WHERE id = 'SEQ230100011'");
        Assert.Equal(("SEQ200200002", new DateTime(2023, 1, 10)), reminder);
    }

    [Fact]
    public async Task Senators_are_read_from_a_wrapped_array_with_their_group_history()
    {
        var senator = await fixture.Database.QuerySingleAsync<(string Name, bool Active, DateTime? DeathDate, string Group, int QuestionCount, string Url)>(
            "SELECT name, active, death_date, group_code, question_count, url FROM opendata.senators WHERE id = '01002B'");
        Assert.Equal(("Éric L'Hôte", false, new DateTime(2023, 5, 1), "LR", 4, "https://www.senat.fr/senateur/l_hote_eric01002b.html"), senator);
        var history = await fixture.Database.QueryAsync<string>("SELECT group_code FROM opendata.senator_groups WHERE senator_id = '01001A' ORDER BY start_date");
        Assert.Equal(["LR", "UC"], history);
    }

    [Fact]
    public async Task Political_groups_cover_current_historical_and_snapshot_codes_with_labels()
    {
        var groups = (await fixture.Database.QueryAsync<(string Code, string Label, int Senators)>("SELECT code, label, senator_count FROM opendata.political_groups"))
            .ToDictionary(g => g.Code);
        Assert.Equal(["LR", "NI", "UC", "UMP"], groups.Keys.Order());
        Assert.Equal(("Union Centriste", 1), (groups["UC"].Label, groups["UC"].Senators));
        Assert.Equal("Union pour un Mouvement Populaire", groups["UMP"].Label);
    }

    [Fact]
    public async Task Counts_are_kept_on_lookups()
    {
        Assert.Equal(6, await fixture.Database.QuerySingleAsync<int>("SELECT question_count FROM opendata.legislatures WHERE number = 15"));
        Assert.Equal(11, await fixture.Database.QuerySingleAsync<int>("SELECT question_count FROM opendata.natures WHERE code = 'QE'"));
        Assert.Equal(5, await fixture.Database.QuerySingleAsync<int>("SELECT question_count FROM opendata.themes WHERE id = 1"));
        Assert.Equal(2, await fixture.Database.QuerySingleAsync<int>("SELECT question_count FROM opendata.ministries WHERE id = 10"));
    }

    [Fact]
    public async Task French_full_text_ignores_accents_and_case_and_stems()
    {
        var found = await fixture.Database.QueryAsync<string>("""
            SELECT id FROM opendata.questions
            WHERE search @@ websearch_to_tsquery('opendata_meta.french_unaccent', 'DESERTIFICATION medicales')
            """);
        Assert.Equal(["SEQ200100001"], found);
    }

    [Fact]
    public void The_summary_reports_what_was_skipped_or_unknown()
    {
        var output = fixture.Import.Output;
        Assert.Contains("table tam_questions has an unknown column nouvelle_colonne, ignored", output);
        Assert.Contains("table tam_questions has no column compub", output);
        Assert.Contains("table table_inconnue is not used by the importer and was skipped", output);
        Assert.Contains("1 answers refer to no question and were skipped", output);
        Assert.Contains("1 theme references name no known theme", output);
        Assert.DoesNotContain("etatquestion", output);
    }

    [Fact]
    public async Task Every_row_has_a_content_hash()
    {
        foreach (var table in new[] { "questions", "answers", "senators", "ministries" })
            Assert.Equal(0, await fixture.Database.QuerySingleAsync<int>($"SELECT count(*) FROM opendata.{table} WHERE content_hash IS NULL OR length(content_hash) <> 32"));
    }
}
