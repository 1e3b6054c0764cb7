namespace OpenData.Ingest.Import.Downloads;

/// <summary>The type of a column of a download: what Parquet stores it as (dates as dates), and how CSV writes it.</summary>
public enum ColumnKind { Text, Int, Long, Date, Bool }

/// <summary>A column of a download: its name (the API's field name, in snake case) and the SQL reading it from row <c>t</c>.</summary>
public sealed record DownloadColumn(string Name, ColumnKind Kind, string Sql);

/// <summary>A table offered as bulk files: its columns, read from the dataset's schema in a stable order.</summary>
public sealed record DownloadTable(string Name, string From, string OrderBy, IReadOnlyList<DownloadColumn> Columns)
{
    public string Select(string schema) =>
        $"SELECT {string.Join(", ", Columns.Select(c => c.Sql))} FROM {schema}.{From} t ORDER BY {OrderBy}";

    private static DownloadColumn C(string name, ColumnKind kind = ColumnKind.Text, string? sql = null) => new(name, kind, sql ?? $"t.{name}");

    /// <summary>The four tables, each column as the API names it (snake case): a row of a file is the API's row.</summary>
    public static readonly IReadOnlyList<DownloadTable> All =
    [
        new("questions", "questions", "t.id",
        [
            C("id"), C("number"), C("legislature", ColumnKind.Int), C("nature", sql: "t.nature_code"), C("status"), C("title"), C("text"),
            C("topic"), C("published_at", ColumnKind.Date), C("journal_page", ColumnKind.Int), C("author_id"), C("author_name"),
            C("author_group"), C("ministry_id", ColumnKind.Long), C("ministry_name"), C("answered_at", ColumnKind.Date),
            C("answer_delay_days", ColumnKind.Int), C("deadline", ColumnKind.Date), C("url"),
        ]),
        new("answers", "answers", "t.question_id",
        [
            C("question_id"), C("published_at", ColumnKind.Date), C("text"), C("delay_days", ColumnKind.Int), C("ministry_id", ColumnKind.Long),
            C("ministry_name"), C("journal_page", ColumnKind.Int), C("url"),
        ]),
        new("senators", "senators", "t.id",
        [
            C("id"), C("civility"), C("first_name"), C("last_name"), C("name"), C("active", ColumnKind.Bool), C("birth_date", ColumnKind.Date),
            C("death_date", ColumnKind.Date), C("group_code"), C("constituency"), C("question_count", ColumnKind.Int), C("url"),
        ]),
        new("ministries", "ministries", "t.id",
        [
            C("id", ColumnKind.Long), C("name"), C("full_name"), C("minister_name"), C("start_date", ColumnKind.Date), C("end_date", ColumnKind.Date),
            C("current", ColumnKind.Bool), C("successor_id", ColumnKind.Long), C("question_count", ColumnKind.Int),
        ]),
    ];
}
