using System.Globalization;

namespace OpenData.Generation;

/// <summary>
/// Streams the <c>tam_questions</c> and <c>tam_reponses</c> rows from the plan; texts are composed row by row
/// and never kept. Columns are written in <see cref="DumpSchema"/> order.
/// </summary>
internal sealed class QuestionRows(World world, QuestionPlan plan, int seed)
{
    private readonly TextComposer _composer = new();

    public void WriteQuestions(TextWriter writer, ExtractWriter extract, CancellationToken cancellationToken)
    {
        var random = new Random(Seeds.Derive(seed, 1));
        var row = new CopyRowWriter(writer);
        var questions = plan.Questions;
        for (var i = 0; i < questions.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ref readonly var q = ref questions[i];
            var author = world.Author(q.Author);
            var ministry = world.Ministries[q.Ministry];
            var theme = TextVocabulary.Subjects[q.Subject].Theme;
            // A campaign's title and text come from its own stream, drawn again for each of its copies (TwinPlanner).
            var campaign = q.TwinOf >= 0 ? TwinPlanner.Campaign(seed, q.TwinOf) : null;
            var campaignTitle = campaign is null ? null : TextComposer.Title(campaign, q.Subject);
            var title = campaignTitle is not null && TwinPlanner.SharesTitle(q) ? campaignTitle : TextComposer.Title(random, q.Subject);
            var themes = Themes(random, theme);
            var page = Page(random, q.Published);

            row.Number(i + 1).Number((int)q.Outcome).Text(author.Matricule).Text(q.Kind.Code())
                .Number(world.Legislatures[q.Legislature].Number).Number(q.IsAnswered ? 200 : 100)
                .Text(Seeds.Uuid(seed, i)).Text(q.NumeroText).Text(q.Reference).Text(title)
                .Number(1).Null().Null()
                .Text(Truncate(author.UpperName)).Text(Truncate(author.FirstName)).Text(Truncate(author.TechnicalName))
                .Text(author.Civility).Number(author.ConstituencyNumber).Text(author.Constituency).Text(author.GroupAt(q.Published))
                .Text(LookupTables.Themes[theme - 1]).Date(q.Published).Number(ministry.Id).Text(ministry.LongLabel);

            if (q.IsTransferred)
            {
                var transfer = world.Ministries[q.TransferMinistry];
                row.Date(q.TransferDate).Number(transfer.Id).Text(transfer.LongLabel);
            }
            else
            {
                row.Null().Null().Null();
            }

            if (q.IsAnswered)
            {
                var answering = world.Ministries[q.AnsweringMinistry];
                row.Text(answering.LongLabel).Number(answering.Id).Number(q.Delay).Date(q.AnswerDate);
            }
            else
            {
                row.Null().Null().Null().Null();
            }

            // datesynctam, natqueord, repub, uuidtransori, dattransori, uuidtrans, dattrans
            row.Null().Number(1).Number(5).Null().Null().Null().Null();

            if (q.Reminds >= 0)
            {
                row.Text(Seeds.Uuid(seed, q.Reminds)).Text(questions[q.Reminds].Reference).Date(q.Published);
            }
            else
            {
                row.Null().Null().Null();
            }

            var text = i == plan.CopiesPublished ? new System.Text.StringBuilder(PublishedQuestion.CopiedBy(author, ministry))
                : campaign is not null && TwinPlanner.SharesText(q)
                ? _composer.Question(campaign, author, ministry, q.Subject, questions[q.TwinOf].Published, random, q.TwinEdit)
                : _composer.Question(random, author, ministry, q.Subject, q.Published);
            row.Text(text).Text(themes)
                .Null().Null().Null().Null().Number(page);

            string? erratum = null;
            if ((q.Flags & QuestionFlags.QuestionErratum) != 0)
            {
                var day = Math.Min(Days.LastDay, q.Published + random.Between(7, 45));
                var erratumPage = Page(random, day);
                erratum = TextComposer.QuestionErratum(random, q.Published, page);
                row.Number(erratumPage).Date(day);
            }
            else
            {
                row.Null().Null();
            }

            var criblesTheme = q.Kind == QuestionKind.Cribles ? random.Pick(TextVocabulary.CriblesThemes) : null;
            row.Null().Text(criblesTheme)
                .Text(erratum).Null()
                .Text((q.Flags & QuestionFlags.PublicComment) != 0 ? TextComposer.PublicComment : null)
                .Date(q.IsAnswered && q.Kind.IsOral() ? Math.Max(q.Published, q.AnswerDate - 1) : Days.None)
                .Number(q.Kind == QuestionKind.Topical ? random.Between(1, 30) : null)
                .Text(q.Outcome == Outcome.Lapsed ? (random.Chance(0.1) ? "O" : "N") : null);
            row.EndRow();
            if (ExtractWriter.Covers(q)) extract.Write(q, world, plan, title, criblesTheme);
        }
    }

    public void WriteAnswers(TextWriter writer, CancellationToken cancellationToken)
    {
        var random = new Random(Seeds.Derive(seed, 2));
        var row = new CopyRowWriter(writer);
        var questions = plan.Questions;
        for (var i = 0; i < questions.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ref readonly var q = ref questions[i];
            if (!q.IsAnswered)
            {
                continue;
            }
            // A common answer is the same text and page for every question of its group.
            var textRandom = q.Group >= 0 ? new Random(Seeds.Derive(seed, 1_000_000L + q.Group)) : random;
            var subject = q.Group >= 0 ? questions[plan.Groups[q.Group].Anchor].Subject : q.Subject;
            var ministry = world.Ministries[q.AnsweringMinistry];
            var page = Page(textRandom, q.AnswerDate);
            row.Number(i + 1).Date(q.AnswerDate).Text(_composer.Answer(textRandom, subject, q.AnswerDate))
                .Number(q.Delay).Number(ministry.Id).Text(ministry.Label).Number(page)
                .Text(string.Create(CultureInfo.InvariantCulture, $"https://www.senat.fr/questions/base/{Days.Year(q.Published)}/q{q.Reference}.html"));
            if ((q.Flags & QuestionFlags.AnswerErratum) != 0)
            {
                var day = Math.Min(Days.LastDay, q.AnswerDate + random.Between(7, 60));
                row.Number(Page(random, day)).Date(day)
                    .Text(GroupKey(q.Group))
                    .Text(TextComposer.AnswerErratum(random, q.AnswerDate, page));
            }
            else
            {
                row.Null().Null().Text(GroupKey(q.Group)).Null();
            }
            row.EndRow();
        }
    }

    private static string? GroupKey(int group) =>
        group < 0 ? null : "rep-" + (group + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>JO pages restart each year and grow through it.</summary>
    private static int Page(Random random, int day) => Days.ToDate(day).DayOfYear * 16 + random.Between(1, 16);

    /// <summary>The main theme plus up to two others, sorted: <c>#2#14#</c>.</summary>
    private static string Themes(Random random, int main)
    {
        Span<int> codes = stackalloc int[3];
        codes[0] = main;
        var count = 1;
        var extra = random.NextDouble() switch { < 0.55 => 0, < 0.85 => 1, _ => 2 };
        while (count < extra + 1)
        {
            var code = random.Between(1, LookupTables.Themes.Length);
            if (!codes[..count].Contains(code))
            {
                codes[count++] = code;
            }
        }
        codes[..count].Sort();
        var text = "#";
        foreach (var code in codes[..count])
        {
            text += code.ToString(CultureInfo.InvariantCulture) + "#";
        }
        return text;
    }

    internal static string Truncate(string value) => value.Length <= 35 ? value : value[..35];
}
