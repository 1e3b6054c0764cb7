using System.Globalization;
using OpenData.Testing;

namespace OpenData.Ingest.Tests.Generation;

public sealed class QuestionShapeTests(GeneratedDatasetFixture data) : IClassFixture<GeneratedDatasetFixture>
{
    private static bool IsAnswered(CopyRow q) => q["sorquecod"] is "1" or "6";

    [Fact]
    public void Every_dataset_holds_the_real_question_SEQ240611950_its_ministry_and_its_author_as_the_Senate_published_them()
    {
        var q = data.RealQuestion;
        Assert.Equal(("08037L", "QE", "16", "11950", "2"), (q["matricule"], q["natquecod"], q["legislature"], q["numero"], q["sorquecod"]));
        Assert.Equal("Développement d'outils d'intelligence artificielle dans les services publics de proximité", q["titre"]);
        Assert.Equal(("MAUREY", "Hervé", "M.", "Eure", "UC"), (q["nom"], q["prenom"], q["codequalite"], q["circonscription"], q["groupe"]));
        Assert.Equal((new DateOnly(2024, 6, 6), 2565L, 900L), (q.Date("datejodepot")!.Value, q.Number("pagejodepot")!.Value, q.Number("mindepotid")!.Value));
        Assert.StartsWith("M. Hervé Maurey attire l'attention de Mme la ministre déléguée", q["txtque"], StringComparison.Ordinal);
        Assert.Null(q["datejorep1"]);
        Assert.DoesNotContain(data.Answers, a => a["idque"] == q["id"]);
        Assert.Equal(("Collectivités territoriales et ruralité", "Dominique Faure", "Ministre déléguée"),
            (data.RealMinistry["libelle"], data.RealMinistry["nomministre"], data.RealMinistry["titreministre"]));
        var author = Assert.Single(data.Senators, s => s.GetProperty("Matricule").GetString() == "08037L");
        Assert.Equal(("Maurey", "Hervé", "UC", "Eure", "ACTIF"), (author.GetProperty("Nom_usuel").GetString(), author.GetProperty("Prenom_usuel").GetString(),
            author.GetProperty("Groupe_politique").GetString(), author.GetProperty("Circonscription").GetString(), author.GetProperty("Etat").GetString()));
        Assert.Equal(1, data.Questions.Append(q).Count(r => r["reference"] == "SEQ240611950"));
    }

    [Fact]
    public void The_summary_counts_what_the_files_hold()
    {
        Assert.Equal(GeneratedDatasetFixture.QuestionCount, data.Summary.Questions);
        Assert.Equal(data.Summary.Questions, data.Questions.Count + 1); // and the real one
        Assert.Equal(data.Summary.Answers, data.Answers.Count);
        Assert.Equal(data.Summary.Ministries, data.Ministries.Count + 1);
        Assert.Equal(data.Summary.Senators, data.Senators.Count);
        Assert.Equal(data.Questions.Count + 1, data.Questions.Append(data.RealQuestion).Select(q => q.Number("id")).Distinct().Count());
        Assert.All(data.Questions, q => Assert.False(string.IsNullOrEmpty(q["uuid"])));
    }

    [Fact]
    public void Every_kind_appears_in_realistic_proportions()
    {
        var kinds = data.Questions.GroupBy(q => q["natquecod"]!).ToDictionary(g => g.Key, g => g.Count() / (double)data.Questions.Count);

        Assert.Equal(["QC", "QE", "QG", "QOAD", "QOAE", "QOSD"], kinds.Keys.Order(StringComparer.Ordinal));
        Assert.InRange(kinds["QE"], 0.82, 0.88);
        Assert.InRange(kinds["QOSD"], 0.06, 0.10);
        Assert.InRange(kinds["QG"], 0.03, 0.07);
        Assert.InRange(kinds["QC"], 0.005, 0.025);
    }

    [Fact]
    public void Every_outcome_appears_and_about_five_in_six_questions_are_answered()
    {
        var outcomes = data.Questions.Select(q => q["sorquecod"]).Distinct().Order(StringComparer.Ordinal);
        var answered = data.Questions.Count(IsAnswered) / (double)data.Questions.Count;

        Assert.Equal(["1", "2", "3", "4", "5", "6"], outcomes);
        Assert.InRange(answered, 0.75, 0.90);
        Assert.All(data.Questions.Where(q => q["sorquecod"] == "5"), q => Assert.Equal("QE", q["natquecod"]));
    }

    [Fact]
    public void Answered_questions_have_one_consistent_answer_row_and_the_others_none()
    {
        var answers = data.Answers.ToDictionary(a => a.Number("idque")!.Value);

        foreach (var q in data.Questions)
        {
            var id = q.Number("id")!.Value;
            if (!IsAnswered(q))
            {
                Assert.False(answers.ContainsKey(id));
                Assert.All(["minrepid1", "minreplib1", "datejorep1", "delaijoursrep1"], c => Assert.Null(q[c]));
                Assert.Equal("100", q["etaquecod"]);
                continue;
            }
            var answer = answers[id];
            var delay = q.Date("datejorep1")!.Value.DayNumber - q.Date("datejodepot")!.Value.DayNumber;
            Assert.Equal("200", q["etaquecod"]);
            Assert.Equal(q.Date("datejorep1"), answer.Date("datejorep"));
            Assert.Equal(delay, q.Number("delaijoursrep1"));
            Assert.Equal(delay, answer.Number("delaijoursrep"));
            Assert.True(delay > 0);
            Assert.Equal(q.Number("minrepid1"), answer.Number("minrepid"));
            Assert.Equal($"https://www.senat.fr/questions/base/{q.Date("datejodepot")!.Value.Year}/q{q["reference"]}.html", answer["urlrep"]);
            Assert.False(string.IsNullOrWhiteSpace(answer["txtrep"]));
        }
        Assert.All(data.Answers, a => Assert.True(a.Date("datejorep") < new DateOnly(2026, 11, 1)));
    }

    [Fact]
    public void Answer_delays_have_a_long_tail()
    {
        var delays = data.Questions.Where(IsAnswered).Select(q => q.Number("delaijoursrep1")!.Value).Order().ToList();

        Assert.InRange(delays[delays.Count / 2], 35, 90);
        Assert.InRange(delays[delays.Count * 9 / 10], 120, 300);
        Assert.True(delays[^1] > 600, $"longest delay {delays[^1]}");
    }

    [Fact]
    public void Awaiting_questions_are_mostly_recent_but_some_are_overdue()
    {
        var awaiting = data.Questions.Where(q => q["sorquecod"] == "2").Select(q => q.Date("datejodepot")!.Value).ToList();
        var lastDay = data.Questions.Max(q => q.Date("datejodepot")!.Value);

        Assert.True(lastDay < new DateOnly(2026, 11, 1));
        Assert.True(awaiting.Count(d => d > lastDay.AddMonths(-6)) > awaiting.Count / 2);
        Assert.Contains(awaiting, d => d < lastDay.AddMonths(-2));
        Assert.Contains(awaiting, d => d > lastDay.AddMonths(-1));
    }

    [Fact]
    public void About_a_tenth_are_transferred_to_another_ministry_of_the_same_government_which_answers()
    {
        var ministries = data.Ministries.ToDictionary(m => m.Number("minid")!.Value);
        var transferred = data.Questions.Where(q => q["datejotran"] is not null).ToList();

        Assert.InRange(transferred.Count / (double)data.Questions.Count, 0.05, 0.15);
        foreach (var q in transferred)
        {
            var from = ministries[q.Number("mindepotid")!.Value];
            var to = ministries[q.Number("mintranid")!.Value];
            Assert.NotEqual(from["minid"], to["minid"]);
            Assert.Equal(from["datedebut"], to["datedebut"]);
            Assert.Equal(to["libellelong"], q["mintranlib"]);
            Assert.True(q.Date("datejotran") > q.Date("datejodepot"));
            if (IsAnswered(q))
            {
                Assert.Equal(q["mintranid"], q["minrepid1"]);
                Assert.True(q.Date("datejorep1") > q.Date("datejotran"));
            }
        }
        Assert.All(data.Questions.Where(q => q["datejotran"] is null), q => Assert.Null(q["mintranid"]));
    }

    [Fact]
    public void Reminders_point_to_an_earlier_unanswered_question_of_the_same_senator()
    {
        var byReference = data.Questions.ToDictionary(q => q["reference"]!);
        var reminders = data.Questions.Where(q => q["refquerappelee"] is not null).ToList();

        Assert.InRange(reminders.Count / (double)data.Questions.Count, 0.01, 0.05);
        foreach (var reminder in reminders)
        {
            var reminded = byReference[reminder["refquerappelee"]!];
            Assert.Equal(reminder["matricule"], reminded["matricule"]);
            Assert.Equal(reminder["datejodepot"], reminder["daterappel"]);
            Assert.Equal(reminded["uuid"], reminder["uuidquerappelee"]);
            Assert.True(reminded.Date("datejodepot") < reminder.Date("datejodepot"));
            Assert.True(reminded["datejorep1"] is null || reminded.Date("datejorep1") > reminder.Date("datejodepot"));
        }
    }

    [Fact]
    public void Common_answers_share_one_text_date_and_ministry()
    {
        var groups = data.Answers.Where(a => a["idrepunique"] is not null).GroupBy(a => a["idrepunique"]!).ToList();
        var questions = data.Questions.ToDictionary(q => q.Number("id")!.Value);

        Assert.Contains(groups, g => g.Count() >= 2);
        Assert.All(groups, g => Assert.InRange(g.Count(), 2, 5));
        Assert.All(groups, g => Assert.Single(g.Select(a => (a["txtrep"], a["datejorep"], a["minrepid"])).Distinct()));
        Assert.All(groups, g => Assert.Matches("^rep-[0-9]+$", g.Key));
        Assert.InRange(groups.Sum(g => g.Count()) / (double)data.Answers.Count, 0.01, 0.04);
        Assert.All(data.Answers, a => Assert.Equal(a["idrepunique"] is not null, questions[a.Number("idque")!.Value]["sorquecod"] == "6"));
    }

    [Fact]
    public void References_are_unique_and_encode_kind_month_and_number()
    {
        var letters = new Dictionary<string, char> { ["QE"] = 'Q', ["QOSD"] = 'O', ["QOAD"] = 'O', ["QOAE"] = 'O', ["QG"] = 'G', ["QC"] = 'C' };
        var legislatures = data.Legislatures.ToDictionary(l => l.Number("legislature")!.Value);

        Assert.Equal(data.Questions.Count, data.Questions.Select(q => q["reference"]).Distinct().Count());
        Assert.Equal(data.Questions.Count, data.Questions.Select(q => (q["legislature"], q["reference"]![2], q["numero"])).Distinct().Count());
        foreach (var q in data.Questions)
        {
            var published = q.Date("datejodepot")!.Value;
            var reference = q["reference"]!;
            Assert.Matches("^SE[QOGC][0-9]{9}$", reference);
            Assert.Equal(letters[q["natquecod"]!], reference[2]);
            Assert.Equal(published.ToString("yyMM", CultureInfo.InvariantCulture), reference[3..7]);
            Assert.Equal(q["numero"], reference[7..]);
            var legislature = legislatures[q.Number("legislature")!.Value];
            Assert.True(legislature.Date("legdatdeb") <= published && (legislature.Date("legdatfin") is not { } end || published <= end));
        }
    }

    [Fact]
    public void Themes_and_headings_come_from_the_theme_table()
    {
        Assert.All(data.Questions, q => Assert.Matches("^#([0-9]{1,2}#){1,3}$", q["themes"]));
        var codes = data.Questions.SelectMany(q => q["themes"]!.Trim('#').Split('#').Select(int.Parse)).ToList();
        Assert.All(codes, c => Assert.InRange(c, 1, 30));
        Assert.Contains(data.Questions, q => q["themes"]!.Count(c => c == '#') == 4);
        Assert.True(data.Questions.Select(q => q["rubrique"]).Distinct().Count() > 15);
        Assert.All(data.Questions, q => Assert.False(string.IsNullOrWhiteSpace(q["titre"])));
        Assert.True(data.Questions.Select(q => q["titre"]).Distinct().Count() > 100);
    }

    [Fact]
    public void Texts_are_french_with_escaped_tabs_newlines_and_backslashes()
    {
        var raw = data.RawQuestions.Rows.Select(r => r.Raw("txtque")).Concat(data.Answers.Select(a => a.Raw("txtrep"))).ToList();
        var texts = data.Questions.Select(q => q["txtque"]!).ToList();

        Assert.Contains(raw, t => t.Contains("\\t", StringComparison.Ordinal));
        Assert.Contains(raw, t => t.Contains("\\n", StringComparison.Ordinal));
        Assert.Contains(raw, t => t.Contains("\\\\", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains('\t') && t.Contains('\n'));
        Assert.Contains(texts, t => t.Contains('\\'));
        Assert.Contains(texts, t => t.Contains("désertification", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("médicale", StringComparison.Ordinal) && !t.Contains("désertification", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("communes rurales", StringComparison.Ordinal) && !t.Contains("désertification", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains('«') && t.Contains('"') && t.Contains('\''));
        Assert.Contains(texts, t => t.Contains('œ'));
        Assert.Contains(data.Answers, a => a["txterrrep"] is not null && a["errdate"] is not null && a["errpage"] is not null);
        Assert.Contains(data.Questions, q => q["txterrque"] is not null && q["dateerr"] is not null && q["pageerr"] is not null);
    }
}
