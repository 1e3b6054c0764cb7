using Npgsql;
using NpgsqlTypes;

namespace OpenData.Ingest.Import.Twins;

/// <summary>
/// The import's step "twin questions": reads every question's text from the staging schema, finds the twins
/// (<see cref="TwinFinder"/>) and writes them there: the pairs, both ways (<c>question_similar</c>), each question's
/// group (<c>twin_members</c>) and the groups with what lists and filters them (<c>twin_groups</c>, migration 0012).
/// Texts are read in blocks whose shingles are computed in parallel; only the shingles are kept.
/// </summary>
public static class TwinQuestions
{
    private const int Block = 4_096;

    public static async Task<(int Pairs, int Groups)> BuildAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        // Read twice: once to count each shingle's texts, then to keep only the shingles compared (a third of them, or less).
        var frequency = new TwinFinder.DocumentFrequency();
        var texts = 0;
        await ReadAsync(connection, schema, block =>
        {
            foreach (var q in block) frequency.Add(q.Shingles);
            texts += block.Length;
        }, cancellationToken);
        var boilerplate = TwinFinder.Boilerplate(texts);
        var questions = new List<TwinCandidate>(texts);
        await ReadAsync(connection, schema, block =>
        {
            foreach (var q in block) q.Shingles = [.. q.Shingles.Where(s => frequency.Of(s) <= boilerplate)];
            questions.AddRange(block);
        }, cancellationToken);
        // In the order of their ids: the same pairs in the same order for the same data, however the table was written.
        questions.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        var pairs = TwinFinder.Pairs(questions, frequency, texts, cancellationToken);
        var groups = TwinFinder.Groups(pairs, questions.Count);

        await using (var similar = await connection.BeginBinaryImportAsync(
            $"COPY {schema}.question_similar (question_id, similar_id, similarity) FROM STDIN (FORMAT binary)", cancellationToken))
        {
            foreach (var p in pairs)
                foreach (var (from, to) in new[] { (p.First, p.Second), (p.Second, p.First) })
                {
                    await similar.StartRowAsync(cancellationToken);
                    await similar.WriteAsync(questions[from].Id, NpgsqlDbType.Text, cancellationToken);
                    await similar.WriteAsync(questions[to].Id, NpgsqlDbType.Text, cancellationToken);
                    await similar.WriteAsync(p.Similarity, NpgsqlDbType.Real, cancellationToken);
                }
            await similar.CompleteAsync(cancellationToken);
        }
        // Each group in publication order (its earliest question names it), with the least similarity that joins it.
        var groupOf = new int[questions.Count];
        for (var g = 0; g < groups.Count; g++)
            foreach (var member in groups[g]) groupOf[member] = g;
        var least = new float[groups.Count];
        Array.Fill(least, 1f);
        foreach (var p in pairs) least[groupOf[p.First]] = Math.Min(least[groupOf[p.First]], p.Similarity);
        var ordered = groups.Select(g => g.Select(i => questions[i]).OrderBy(q => q.PublishedAt).ThenBy(q => q.Id, StringComparer.Ordinal).ToList()).ToList();

        await using (var members = await connection.BeginBinaryImportAsync(
            $"COPY {schema}.twin_members (question_id, group_id) FROM STDIN (FORMAT binary)", cancellationToken))
        {
            foreach (var group in ordered)
                foreach (var q in group)
                {
                    await members.StartRowAsync(cancellationToken);
                    await members.WriteAsync(q.Id, NpgsqlDbType.Text, cancellationToken);
                    await members.WriteAsync(group[0].Id, NpgsqlDbType.Text, cancellationToken);
                }
            await members.CompleteAsync(cancellationToken);
        }
        await using (var written = await connection.BeginBinaryImportAsync(
            $"COPY {schema}.twin_groups (id, size, question_ids, published_from, published_to, senator_ids, group_codes, ministry_ids, min_similarity) FROM STDIN (FORMAT binary)",
            cancellationToken))
        {
            for (var g = 0; g < ordered.Count; g++)
            {
                var group = ordered[g];
                await written.StartRowAsync(cancellationToken);
                await written.WriteAsync(group[0].Id, NpgsqlDbType.Text, cancellationToken);
                await written.WriteAsync(group.Count, NpgsqlDbType.Integer, cancellationToken);
                await written.WriteAsync(group.Select(q => q.Id).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
                await written.WriteAsync(group[0].PublishedAt, NpgsqlDbType.Date, cancellationToken);
                await written.WriteAsync(group[^1].PublishedAt, NpgsqlDbType.Date, cancellationToken);
                await written.WriteAsync(group.Select(q => q.AuthorId).Distinct().ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
                await written.WriteAsync(group.Where(q => q.AuthorGroup is not null).Select(q => q.AuthorGroup!).Distinct().Order(StringComparer.Ordinal).ToArray(),
                    NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
                await written.WriteAsync(group.SelectMany(q => q.MinistryIds).Distinct().Order().ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint, cancellationToken);
                await written.WriteAsync(least[g], NpgsqlDbType.Real, cancellationToken);
            }
            await written.CompleteAsync(cancellationToken);
        }
        return (pairs.Count, groups.Count);
    }

    /// <summary>Reads every question's text in blocks, whose shingles are computed in parallel, and hands each block over.</summary>
    private static async Task ReadAsync(NpgsqlConnection connection, string schema, Action<TwinCandidate[]> take, CancellationToken cancellationToken)
    {
        var block = new List<TwinCandidate>(Block);
        void Shingle()
        {
            var shingled = new TwinCandidate[block.Count];
            Parallel.For(0, block.Count, i => shingled[i] = block[i] with { Shingles = TwinText.Shingles(block[i].Text!), Text = null });
            take(shingled);
            block.Clear();
        }
        await using var command = new NpgsqlCommand(
            $"SELECT id, published_at, text, author_id, author_group, ministry_ids FROM {schema}.questions WHERE text IS NOT NULL", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            block.Add(new TwinCandidate(reader.GetString(0), reader.GetFieldValue<DateOnly>(1), [])
            {
                Text = reader.GetString(2),
                AuthorId = reader.GetString(3),
                AuthorGroup = reader.IsDBNull(4) ? null : reader.GetString(4),
                MinistryIds = reader.GetFieldValue<long[]>(5),
            });
            if (block.Count == Block) Shingle();
        }
        Shingle();
    }
}
