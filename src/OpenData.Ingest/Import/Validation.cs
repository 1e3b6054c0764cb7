using Dapper;
using Npgsql;
using OpenData.Ingest.Source;
using static OpenData.Data.Database;

namespace OpenData.Ingest.Import;

/// <summary>Checks across rows that streaming cannot make (duplicate keys), and what is worth reporting.</summary>
internal static class Validation
{
    private sealed record Key(string File, string Table, string RawTable, string Column);

    public static async Task RejectDuplicateKeysAsync(NpgsqlConnection connection, string dumpName, string senatorsName, CancellationToken cancellationToken)
    {
        Key[] keys =
        [
            new(dumpName, "tam_questions", "src_tam_questions", "reference"),
            new(dumpName, "tam_questions", "src_tam_questions", "id"),
            new(dumpName, "tam_ministeres", "src_tam_ministeres", "minid"),
            new(dumpName, "the", "src_the", "thecle"),
            new(dumpName, "naturequestion", "src_naturequestion", "natquecod"),
            new(dumpName, "sortquestion", "src_sortquestion", "sorquecod"),
            new(dumpName, "legquestion", "src_legquestion", "legislature"),
            new(senatorsName, "senators", "src_senators", "matricule"),
        ];
        foreach (var key in keys)
        {
            var duplicate = await connection.QueryFirstOrDefaultAsync<(string Value, long First, long Second)?>(new CommandDefinition($"""
                SELECT {key.Column}::text, min(line), (array_agg(line ORDER BY line))[2]
                FROM {StagingSchema}.{key.RawTable}
                GROUP BY {key.Column}
                HAVING count(*) > 1
                ORDER BY 2
                LIMIT 1
                """, cancellationToken: cancellationToken));
            if (duplicate is { } d)
            {
                var where = key.File == senatorsName ? $"{key.File}, record {d.Second}" : $"{key.File}, table {key.Table}, line {d.Second}";
                var first = key.File == senatorsName ? "record" : "line";
                throw new SourceFormatException($"{where}: duplicate {key.Column} '{d.Value}' (already at {first} {d.First})");
            }
        }
    }

    /// <summary>Facts about the data the summary reports: nothing here stops an import.</summary>
    public static async Task<List<string>> NoticesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var facts = await connection.QuerySingleAsync<(long OrphanAnswers, long ExtraAnswers, long UnknownThemes, string? UnknownOutcomes, long DanglingReminders)>(
            new CommandDefinition($"""
                SELECT
                    (SELECT count(*) FROM {StagingSchema}.src_tam_reponses r
                     WHERE NOT EXISTS (SELECT FROM {StagingSchema}.src_tam_questions q WHERE q.id = r.idque)),
                    (SELECT count(*) - count(DISTINCT idque) FROM {StagingSchema}.src_tam_reponses),
                    (SELECT count(*) FROM (SELECT unnest(theme_ids) AS id FROM {StagingSchema}.questions) t
                     WHERE NOT EXISTS (SELECT FROM {StagingSchema}.themes th WHERE th.id = t.id)),
                    (SELECT string_agg(DISTINCT label, ', ') FROM {StagingSchema}.src_outcomes WHERE status IS NULL),
                    (SELECT count(*) FROM {StagingSchema}.questions q WHERE q.reminds_question_id IS NOT NULL
                     AND NOT EXISTS (SELECT FROM {StagingSchema}.questions p WHERE p.id = q.reminds_question_id))
                """, cancellationToken: cancellationToken));

        var notices = new List<string>();
        if (facts.OrphanAnswers > 0) notices.Add($"{facts.OrphanAnswers} answers refer to no question and were skipped");
        if (facts.ExtraAnswers > 0) notices.Add($"{facts.ExtraAnswers} questions have more than one answer row; the first published is kept");
        if (facts.UnknownThemes > 0) notices.Add($"{facts.UnknownThemes} theme references name no known theme");
        if (facts.UnknownOutcomes is not null) notices.Add($"unrecognised outcome labels (served as awaiting_answer unless answered): {facts.UnknownOutcomes}");
        if (facts.DanglingReminders > 0) notices.Add($"{facts.DanglingReminders} reminders refer to a question absent from the dump");
        return notices;
    }
}
