using System.Globalization;
using System.Text;

namespace OpenData.Generation;

/// <summary>
/// Writes <c>questions.sql</c>: the pg_dump layout with one COPY block per table, in the Senate's table order; and, as the
/// questions are written, the one-year extract.
/// </summary>
internal static class DumpWriter
{
    public static void Write(string path, ExtractWriter extract, World world, QuestionPlan plan, GenerationOptions options, CancellationToken cancellationToken)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
        var layout = new DumpLayout(writer, options.LegacyCopyHeader, Seeds.RestrictKey(options.Seed));
        var rows = new CopyRowWriter(writer);
        layout.WriteHeader();
        layout.WriteTables();

        layout.BeginCopy("etatquestion");
        foreach (var (code, label, sort) in LookupTables.States)
        {
            rows.Text(code).Text(label).Number(sort).EndRow();
        }
        layout.EndCopy();

        layout.BeginCopy("legquestion");
        foreach (var legislature in world.Legislatures)
        {
            rows.Number(legislature.Number).Number(5).Text(LegislatureBuilder.Label(legislature.Number))
                .Date(legislature.Start).Date(legislature.End).EndRow();
        }
        layout.EndCopy();

        layout.BeginCopy("naturequestion");
        foreach (var (code, label, sort) in LookupTables.Natures)
        {
            rows.Text(code).Text(label).Number(sort).EndRow();
        }
        layout.EndCopy();

        layout.BeginCopy("sortquestion");
        foreach (var (code, label) in LookupTables.Outcomes)
        {
            rows.Number(code).Text(label).Number(code).EndRow();
        }
        layout.EndCopy();

        layout.BeginCopy("tam_ministeres");
        foreach (var ministry in world.Ministries)
        {
            var government = world.Governments[ministry.Government];
            rows.Number(ministry.Id).Number(ministry.SuccessorId).Date(government.Start).Date(government.End)
                .Number(ministry.Order).Text(ministry.Label).Text(ministry.LongLabel).Text(ministry.MinisterTitle)
                .Text(ministry.JoTitle).Text(ministry.MinisterName).EndRow();
        }
        PublishedQuestion.WriteMinistry(rows);
        layout.EndCopy();

        var questionRows = new QuestionRows(world, plan, options.Seed);
        layout.BeginCopy("tam_questions");
        questionRows.WriteQuestions(writer, extract, cancellationToken);
        // Published on 6 June 2024, awaiting an answer: outside the extract's year (ExtractWriter.Covers), as the Senate's would be.
        PublishedQuestion.WriteQuestion(rows, plan.Questions.Length + 1);
        layout.EndCopy();

        layout.BeginCopy("tam_reponses");
        questionRows.WriteAnswers(writer, cancellationToken);
        layout.EndCopy();

        layout.BeginCopy("the");
        for (var t = 0; t < LookupTables.Themes.Length; t++)
        {
            var label = LookupTables.Themes[t];
            rows.Number(t + 1).Text(label).Text(label.ToUpperInvariant()).Number(t + 1).EndRow();
        }
        layout.EndCopy();

        layout.WriteConstraints();
        layout.WriteFooter();
    }
}
