using System.Globalization;
using System.Text.Json;
using Npgsql;
using OpenData.Data.Graph;
using OpenData.Data.Questions;
using OpenData.Data.Senators;

namespace JsonStrategy;

/// <summary>
/// A GraphQL query measured both ways: <see cref="Field"/> is what the API's planner hands <see cref="GraphReader"/>
/// (strategy A); <see cref="RowsSql"/> and <see cref="WriteAsync"/> read the same values as flat rows and write the
/// same JSON (strategy B).
/// </summary>
internal sealed record Shape(string Name, FieldRead Field, string RowsSql, int[] Limits, Func<NpgsqlDataReader, Utf8JsonWriter, Task> WriteAsync);

internal static class Shapes
{
    private static FieldRead F(string name, params FieldRead[] selection) => new(name, name, null, selection);

    private static FieldRead List(string name, int first, params FieldRead[] nodes) =>
        new(name, name, new ListArguments<QuestionFilter, QuestionSort>(new QuestionFilter(), QuestionSort.PublishedDesc, first, null), [F("nodes", nodes)]);

    // An answer exists only for an answered question: QuestionGraph's guard (same truth table). In a LATERAL subquery kept
    // apart by OFFSET 0 it is a one-time filter, so an unanswered question costs no lookup of its answer, as in A.
    private const string Answered = "CASE WHEN q.answered_at IS NULL AND q.status <> 'answered' THEN false ELSE true END";

    /// <summary>{ questions(first: 20) { nodes { id title publishedAt author { id name } ministry { id name } answer { publishedAt delayDays ministry { name } } } } }</summary>
    public static readonly Shape QuestionPage = new("20-question page",
        List("questions", 20,
            F("id"), F("title"), F("publishedAt"), F("author", F("id"), F("name")), F("ministry", F("id"), F("name")),
            F("answer", F("publishedAt"), F("delayDays"), F("ministry", F("name")))),
        $"""
        SELECT q.id, q.title, q.published_at, s.id, s.name, m.id, m.name, a.question_id, a.published_at, a.delay_days, am.id, am.name
        FROM (SELECT q.id, q.title, q.published_at, q.author_id, q.ministry_id, q.answered_at, q.status
              FROM opendata.questions q ORDER BY q.published_at DESC, q.id DESC LIMIT @p0) q
        LEFT JOIN opendata.senators s ON s.id = q.author_id
        LEFT JOIN opendata.ministries m ON m.id = q.ministry_id
        LEFT JOIN LATERAL (SELECT a.question_id, a.published_at, a.delay_days, a.ministry_id FROM opendata.answers a
              WHERE a.question_id = q.id AND {Answered} OFFSET 0) a ON true
        LEFT JOIN opendata.ministries am ON am.id = a.ministry_id
        ORDER BY q.published_at DESC, q.id DESC
        """,
        [20],
        async (r, w) =>
        {
            w.WriteStartObject();
            w.WriteStartObject(Names.Questions);
            w.WriteStartArray(Names.Nodes);
            while (await r.ReadAsync())
            {
                w.WriteStartObject();
                Text(w, Names.Id, r, 0);
                Text(w, Names.Title, r, 1);
                Date(w, Names.PublishedAt, r, 2);
                if (r.IsDBNull(3)) w.WriteNull(Names.Author);
                else
                {
                    w.WriteStartObject(Names.Author);
                    Text(w, Names.Id, r, 3);
                    Text(w, Names.Name, r, 4);
                    w.WriteEndObject();
                }
                if (r.IsDBNull(5)) w.WriteNull(Names.Ministry);
                else
                {
                    w.WriteStartObject(Names.Ministry);
                    w.WriteNumber(Names.Id, r.GetInt64(5));
                    Text(w, Names.Name, r, 6);
                    w.WriteEndObject();
                }
                if (r.IsDBNull(7)) w.WriteNull(Names.Answer);
                else
                {
                    w.WriteStartObject(Names.Answer);
                    Date(w, Names.PublishedAt, r, 8);
                    Int(w, Names.DelayDays, r, 9);
                    if (r.IsDBNull(10)) w.WriteNull(Names.Ministry);
                    else
                    {
                        w.WriteStartObject(Names.Ministry);
                        Text(w, Names.Name, r, 11);
                        w.WriteEndObject();
                    }
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        });

    /// <summary>{ senators(first: 20) { nodes { id name questions(first: 10) { nodes { id title publishedAt authorAtTheTime { group } ministry { name } answer { publishedAt delayDays } } } } } }</summary>
    public static readonly Shape SenatorQuestions = new("20 senators × 10 questions",
        new FieldRead("senators", "senators", new ListArguments<SenatorFilter, NoSort>(new SenatorFilter(), NoSort.Default, 20, null),
        [
            F("nodes", F("id"), F("name"),
                List("questions", 10, F("id"), F("title"), F("publishedAt"), F("authorAtTheTime", F("group")), F("ministry", F("name")),
                    F("answer", F("publishedAt"), F("delayDays")))),
        ]),
        // The senators in the API's order (SenatorQueries.ByName), each one's questions in the default order; a senator
        // without questions is one row of nulls.
        $"""
        SELECT s.id, s.name, q.id, q.title, q.published_at, q.author_group, m.id, m.name, a.question_id, a.published_at, a.delay_days
        FROM (SELECT s.id, s.name, row_number() OVER (ORDER BY {SenatorQueries.ByName.OrderBy}) AS n
              FROM opendata.senators s ORDER BY {SenatorQueries.ByName.OrderBy} LIMIT @p0) s
        LEFT JOIN LATERAL (SELECT q.id, q.title, q.published_at, q.author_group, q.ministry_id, q.answered_at, q.status
              FROM opendata.questions q WHERE q.author_id = s.id ORDER BY q.published_at DESC, q.id DESC LIMIT @p1) q ON true
        LEFT JOIN opendata.ministries m ON m.id = q.ministry_id
        LEFT JOIN LATERAL (SELECT a.question_id, a.published_at, a.delay_days FROM opendata.answers a
              WHERE a.question_id = q.id AND {Answered} OFFSET 0) a ON true
        ORDER BY s.n, q.published_at DESC, q.id DESC
        """,
        [20, 10],
        async (r, w) =>
        {
            w.WriteStartObject();
            w.WriteStartObject(Names.Senators);
            w.WriteStartArray(Names.Nodes);
            string? senator = null;
            while (await r.ReadAsync())
            {
                var id = r.GetString(0);
                if (id != senator)
                {
                    if (senator is not null) EndSenator(w);
                    senator = id;
                    w.WriteStartObject();
                    w.WriteString(Names.Id, id);
                    Text(w, Names.Name, r, 1);
                    w.WriteStartObject(Names.Questions);
                    w.WriteStartArray(Names.Nodes);
                }
                if (r.IsDBNull(2)) continue; // no questions
                w.WriteStartObject();
                Text(w, Names.Id, r, 2);
                Text(w, Names.Title, r, 3);
                Date(w, Names.PublishedAt, r, 4);
                w.WriteStartObject(Names.AuthorAtTheTime);
                Text(w, Names.Group, r, 5);
                w.WriteEndObject();
                if (r.IsDBNull(6)) w.WriteNull(Names.Ministry);
                else
                {
                    w.WriteStartObject(Names.Ministry);
                    Text(w, Names.Name, r, 7);
                    w.WriteEndObject();
                }
                if (r.IsDBNull(8)) w.WriteNull(Names.Answer);
                else
                {
                    w.WriteStartObject(Names.Answer);
                    Date(w, Names.PublishedAt, r, 9);
                    Int(w, Names.DelayDays, r, 10);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            if (senator is not null) EndSenator(w);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        });

    private static void EndSenator(Utf8JsonWriter w)
    {
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Text(Utf8JsonWriter w, JsonEncodedText name, NpgsqlDataReader r, int i)
    {
        if (r.IsDBNull(i)) w.WriteNull(name);
        else w.WriteString(name, r.GetString(i));
    }

    private static void Int(Utf8JsonWriter w, JsonEncodedText name, NpgsqlDataReader r, int i)
    {
        if (r.IsDBNull(i)) w.WriteNull(name);
        else w.WriteNumber(name, r.GetInt32(i));
    }

    // GraphQL's Date: yyyy-MM-dd, as PostgreSQL writes a date in JSON.
    private static void Date(Utf8JsonWriter w, JsonEncodedText name, NpgsqlDataReader r, int i)
    {
        if (r.IsDBNull(i))
        {
            w.WriteNull(name);
            return;
        }
        Span<byte> text = stackalloc byte[16];
        r.GetFieldValue<DateOnly>(i).TryFormat(text, out var length, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        w.WriteString(name, text[..length]);
    }

    private static class Names
    {
        public static readonly JsonEncodedText Questions = JsonEncodedText.Encode("questions");
        public static readonly JsonEncodedText Senators = JsonEncodedText.Encode("senators");
        public static readonly JsonEncodedText Nodes = JsonEncodedText.Encode("nodes");
        public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
        public static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
        public static readonly JsonEncodedText Title = JsonEncodedText.Encode("title");
        public static readonly JsonEncodedText PublishedAt = JsonEncodedText.Encode("publishedAt");
        public static readonly JsonEncodedText Author = JsonEncodedText.Encode("author");
        public static readonly JsonEncodedText AuthorAtTheTime = JsonEncodedText.Encode("authorAtTheTime");
        public static readonly JsonEncodedText Group = JsonEncodedText.Encode("group");
        public static readonly JsonEncodedText Ministry = JsonEncodedText.Encode("ministry");
        public static readonly JsonEncodedText Answer = JsonEncodedText.Encode("answer");
        public static readonly JsonEncodedText DelayDays = JsonEncodedText.Encode("delayDays");
    }
}
