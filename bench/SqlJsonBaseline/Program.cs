// The floor OpenData.Api is measured against: what PostgREST does, done as thinly as possible. Each
// endpoint runs one statement in which PostgreSQL selects the same rows and columns OpenData.Api's REST
// endpoint returns and builds the whole JSON body itself (json_agg / row_to_json); the server only copies
// that text to the socket. No validation, paging links, totals, caching or rate limiting.
//   ConnectionStrings__OpenData="Host=…;Username=opendata_reader;…" dotnet SqlJsonBaseline.dll --urls http://127.0.0.1:5500
using Npgsql;
using OpenData.Data.Questions;

var builder = WebApplication.CreateSlimBuilder(args);
var connectionString = builder.Configuration.GetConnectionString("OpenData")
    ?? throw new InvalidOperationException("ConnectionStrings:OpenData is required");
var dataSource = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 50 }.ConnectionString).Build();
var app = builder.Build();

// The very columns (and computed overdue) of the API's question queries.
var columns = QuestionSql.Columns;
const string Page = "ORDER BY q.published_at DESC, q.id DESC LIMIT 20";

app.MapGet("/questions", (HttpContext http) => Json(http,
    $"SELECT coalesce(json_agg(t), '[]') FROM (SELECT {columns} FROM opendata.questions q {Page}) t"));

app.MapGet("/questions/filtered", (HttpContext http, long ministry, string status, DateOnly from, DateOnly to) => Json(http,
    $"""
    SELECT coalesce(json_agg(t), '[]') FROM (SELECT {columns} FROM opendata.questions q
    WHERE q.ministry_ids @> ARRAY[$1]::bigint[] AND q.status = $2 AND q.published_at BETWEEN $3 AND $4 {Page}) t
    """, ministry, status, from, to));

app.MapGet("/questions/search", (HttpContext http, string q) => Json(http,
    $"""
    SELECT coalesce(json_agg(t), '[]') FROM (SELECT {columns} FROM opendata.questions q,
      websearch_to_tsquery('opendata_meta.french_unaccent', $1) query
    WHERE q.search @@ query {Page}) t
    """, q));

app.MapGet("/questions/{id}", (HttpContext http, string id) => Json(http,
    $"""
    SELECT row_to_json(t) FROM (SELECT {columns},
      (SELECT row_to_json(a) FROM (SELECT a.published_at, a.text, a.delay_days, a.ministry_id, a.ministry_name,
         a.journal_page, a.url, a.shared_with FROM opendata.answers a WHERE a.question_id = q.id) a) AS answer,
      (SELECT coalesce(json_agg(r), '[]') FROM (SELECT r.id, r.title, r.published_at FROM opendata.questions r
         WHERE r.reminds_question_id = q.id) r) AS reminders
    FROM opendata.questions q WHERE q.id = $1) t
    """, id));

app.MapGet("/senators/{id}/questions", (HttpContext http, string id) => Json(http,
    $"SELECT coalesce(json_agg(t), '[]') FROM (SELECT {columns} FROM opendata.questions q WHERE q.author_id = $1 {Page}) t", id));

app.Run();

async Task Json(HttpContext http, string sql, params object[] values)
{
    await using var command = dataSource.CreateCommand(sql);
    foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
    var json = await command.ExecuteScalarAsync(http.RequestAborted) as string;
    http.Response.StatusCode = json is null ? 404 : 200;
    http.Response.ContentType = "application/json";
    if (json is not null) await http.Response.WriteAsync(json, http.RequestAborted);
}
