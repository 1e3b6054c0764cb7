using System.Globalization;
using System.Text;

namespace OpenData.Generation;

/// <summary>
/// Writes <c>questions-depuis-un-an.csv</c> as the Senate publishes it (ISO-8859-1, <c>|</c>-separated, CRLF): the
/// questions published, transferred or answered in the year before the generated period's last day, with the values
/// the dump gives them (so that the extract of a dataset, applied to it, changes nothing).
/// </summary>
internal sealed class ExtractWriter(string path) : IDisposable
{
    public const string Header = "Sort|Nature|Numéro|Référence|Titre|Nom|Prénom|Civilité|Circonscription|Groupe|Type Appartenance|" +
        "Date de publication JO|Ministère de dépôt|Date de transmission|Ministère de transmission|Ministère de réponse|Date de réponse JO|" +
        "Référence de la question rappelée|Thème(s)|Thème QC|URL Question";

    private static readonly int WindowStart = Days.LastDay - 365;
    private readonly StreamWriter writer = Start(path);

    public int Rows { get; private set; }

    public static bool Covers(in PlannedQuestion q) =>
        q.Published > WindowStart || (q.IsAnswered && q.AnswerDate > WindowStart) || (q.IsTransferred && q.TransferDate > WindowStart);

    public void Write(in PlannedQuestion q, World world, QuestionPlan plan, string title, string? criblesTheme)
    {
        var author = world.Author(q.Author);
        var answering = q.IsAnswered ? world.Ministries[q.AnsweringMinistry] : null;
        var transfer = q.IsTransferred ? world.Ministries[q.TransferMinistry] : null;
        string?[] fields =
        [
            LookupTables.Outcomes[(int)q.Outcome - 1].Label, q.Kind.Code(), q.NumeroText, q.Reference, title,
            QuestionRows.Truncate(author.UpperName), QuestionRows.Truncate(author.FirstName), author.Civility, author.Constituency,
            author.GroupAt(q.Published), null, Date(q.Published), world.Ministries[q.Ministry].LongLabel,
            transfer is null ? null : Date(q.TransferDate), transfer?.LongLabel, answering?.LongLabel, answering is null ? null : Date(q.AnswerDate),
            q.Reminds >= 0 ? plan.Questions[q.Reminds].Reference : null, LookupTables.Themes[TextVocabulary.Subjects[q.Subject].Theme - 1],
            criblesTheme, string.Create(CultureInfo.InvariantCulture, $"https://www.senat.fr/questions/base/{Days.Year(q.Published)}/q{q.Reference}.html"),
        ];
        writer.Write(string.Join('|', fields));
        writer.Write("\r\n");
        Rows++;
    }

    public void Dispose() => writer.Dispose();

    private static StreamWriter Start(string path)
    {
        // Encoding.Latin1 writes '?' for what ISO-8859-1 cannot hold, as such exports do.
        var writer = new StreamWriter(path, false, Encoding.Latin1, 1 << 16);
        writer.Write(Header);
        writer.Write("\r\n");
        return writer;
    }

    private static string Date(int day) => Days.ToDate(day).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
