namespace OpenData.Ingest.Import.Twins;

/// <summary>
/// A question as the twin finder sees it: its id, its publication date and its text's shingles (<see cref="TwinText"/>),
/// and what its group is listed with (its author then, the ministries it went to).
/// </summary>
public sealed record TwinCandidate(string Id, DateOnly PublishedAt, uint[] Shingles)
{
    /// <summary>The shingles, until the finder has kept those it compares (then empty: a few hundred MB at 300,000 questions).</summary>
    public uint[] Shingles { get; internal set; } = Shingles;

    /// <summary>The text, while its shingles are not computed yet.</summary>
    public string? Text { get; init; }
    public string AuthorId { get; init; } = "";
    public string? AuthorGroup { get; init; }
    public long[] MinistryIds { get; init; } = [];
}

/// <summary>Two questions whose texts are near-identical: <paramref name="Similarity"/> in [0, 1], <paramref name="First"/> &lt; <paramref name="Second"/> (indexes).</summary>
public readonly record struct TwinPair(int First, int Second, float Similarity);

/// <summary>
/// Finds every pair of questions whose texts have a Jaccard similarity of at least <see cref="Threshold"/> over their
/// telling shingles, exactly (prefix filtering: each text's rarest shingles are indexed, and two texts that similar
/// must share one of them), and the groups those pairs join.
/// <list type="bullet">
/// <item>A shingle found in more than one text in <see cref="BoilerplateShare"/> (and in more than <see cref="MinBoilerplate"/>)
/// is the language of questions ("lui demande de bien vouloir lui indiquer"), not a copy's: it is not compared. A campaign
/// copied by more senators than that is found by what its copies share with fewer.</item>
/// <item>A text with fewer than <see cref="MinShingles"/> telling shingles has too little of its own to tell a copy
/// from a formula: it has no twins.</item>
/// </list>
/// </summary>
public static class TwinFinder
{
    /// <summary>The similarity from which two questions are twins (measured on planted twins: README, "Twin questions").</summary>
    public const double Threshold = Data.Twins.TwinQueries.Threshold;

    public const int MinShingles = 10;

    /// <summary>A shingle in more than one text in this many (and more than <see cref="MinBoilerplate"/>) is the language of questions.</summary>
    public const int BoilerplateShare = 2_000;

    public const int MinBoilerplate = 50;

    /// <summary>At most this many twins are kept for one question, the most similar.</summary>
    public const int MaxPerQuestion = 200;

    /// <summary>The frequency above which a shingle of <paramref name="texts"/> texts is the language of questions.</summary>
    public static int Boilerplate(int texts) => Math.Max(MinBoilerplate, texts / BoilerplateShare);

    /// <summary>The pairs of questions whose shingles are all given (their frequencies counted here).</summary>
    public static List<TwinPair> Pairs(IReadOnlyList<TwinCandidate> questions, CancellationToken cancellationToken = default)
    {
        var frequency = new DocumentFrequency();
        foreach (var q in questions) frequency.Add(q.Shingles);
        return Pairs(questions, frequency, questions.Count, cancellationToken);
    }

    /// <summary>
    /// The pairs of questions whose shingles may hold only those under the boilerplate frequency of <paramref name="texts"/>
    /// texts, <paramref name="frequency"/> counted over all of theirs (what the import keeps in memory: the telling ones).
    /// </summary>
    public static List<TwinPair> Pairs(IReadOnlyList<TwinCandidate> questions, DocumentFrequency frequency, int texts, CancellationToken cancellationToken = default)
    {
        var boilerplate = Boilerplate(texts);

        // Each text's telling shingles, by hash (to intersect), and its prefix: its rarest, by (frequency, hash).
        var telling = new uint[questions.Count][];
        var prefixes = new uint[questions.Count][];
        Parallel.For(0, questions.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            // Each shingle's frequency read once: (frequency, hash) orders the prefix, the hash alone the telling shingles.
            var keys = new List<ulong>(questions[i].Shingles.Length);
            foreach (var s in questions[i].Shingles)
                if (frequency.Of(s) is var f && f <= boilerplate) keys.Add(((ulong)f << 32) | s);
            questions[i].Shingles = [];
            if (keys.Count < MinShingles) return;
            keys.Sort();
            prefixes[i] = [.. keys.Take(keys.Count - (int)Math.Ceiling(Threshold * keys.Count) + 1).Select(k => (uint)k)];
            var kept = keys.Select(k => (uint)k).ToArray();
            Array.Sort(kept);
            telling[i] = kept;
        });

        // The prefixes' shingles with the texts they begin, sorted: a shingle's texts are one range. Only shingles that
        // begin two texts or more can pair any: only they are looked up.
        var postings = new ulong[prefixes.Sum(p => p?.Length ?? 0)];
        var at = 0;
        for (var i = 0; i < questions.Count; i++)
            if (prefixes[i] is { } prefix)
                foreach (var s in prefix) postings[at++] = ((ulong)s << 32) | (uint)i;
        Array.Sort(postings);
        var index = new Dictionary<uint, (int Start, int Count)>();
        for (var start = 0; start < postings.Length;)
        {
            var end = start + 1;
            while (end < postings.Length && postings[end] >> 32 == postings[start] >> 32) end++;
            if (end - start > 1) index[(uint)(postings[start] >> 32)] = (start, end - start);
            start = end;
        }
        var found = new List<TwinPair>[questions.Count];
        Parallel.For(0, questions.Count, new ParallelOptions { CancellationToken = cancellationToken }, () => new HashSet<int>(), (i, _, seen) =>
        {
            if (prefixes[i] is not { } prefix) return seen;
            seen.Clear();
            var a = telling[i];
            foreach (var s in prefix)
            {
                if (!index.TryGetValue(s, out var range)) continue;
                for (var k = range.Start; k < range.Start + range.Count; k++)
                {
                    var j = (int)(uint)postings[k];
                    if (j <= i || !seen.Add(j)) continue;
                    var b = telling[j];
                    if (b.Length < Threshold * a.Length || a.Length < Threshold * b.Length) continue;
                    var shared = Intersection(a, b);
                    var similarity = (double)shared / (a.Length + b.Length - shared);
                    if (similarity >= Threshold) (found[i] ??= []).Add(new TwinPair(i, j, (float)Math.Round(similarity, 4)));
                }
            }
            return seen;
        }, _ => { });
        cancellationToken.ThrowIfCancellationRequested();

        var pairs = found.Where(f => f is not null).SelectMany(f => f).ToList();
        return Bounded(pairs, questions.Count);
    }

    /// <summary>The groups the pairs join (connected questions), each its members' indexes, two or more.</summary>
    public static List<List<int>> Groups(IReadOnlyList<TwinPair> pairs, int count)
    {
        var parent = Enumerable.Range(0, count).ToArray();
        int Root(int x)
        {
            while (parent[x] != x) x = parent[x] = parent[parent[x]];
            return x;
        }
        foreach (var p in pairs)
        {
            var (a, b) = (Root(p.First), Root(p.Second));
            if (a != b) parent[Math.Max(a, b)] = Math.Min(a, b);
        }
        var groups = new Dictionary<int, List<int>>();
        foreach (var p in pairs)
            foreach (var member in (ReadOnlySpan<int>)[p.First, p.Second])
            {
                var root = Root(member);
                if (!groups.TryGetValue(root, out var group)) groups[root] = group = [];
                if (!group.Contains(member)) group.Add(member);
            }
        return [.. groups.Values];
    }

    /// <summary>The pairs, without those beyond a question's <see cref="MaxPerQuestion"/> most similar (on either side).</summary>
    private static List<TwinPair> Bounded(List<TwinPair> pairs, int count)
    {
        var kept = new int[count];
        var bounded = new List<TwinPair>(pairs.Count);
        foreach (var p in pairs.OrderByDescending(p => p.Similarity).ThenBy(p => p.First).ThenBy(p => p.Second))
        {
            if (kept[p.First] >= MaxPerQuestion || kept[p.Second] >= MaxPerQuestion) continue;
            kept[p.First]++;
            kept[p.Second]++;
            bounded.Add(p);
        }
        return bounded;
    }

    private static int Intersection(uint[] a, uint[] b)
    {
        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { shared++; i++; j++; }
            else if (a[i] < b[j]) i++;
            else j++;
        }
        return shared;
    }

    /// <summary>In how many texts each shingle is, estimated in fixed memory (the least of two counters, never below the truth).</summary>
    public sealed class DocumentFrequency
    {
        private const int Bits = 23;
        private readonly ushort[] first = new ushort[1 << Bits];
        private readonly ushort[] second = new ushort[1 << Bits];

        public void Add(uint[] shingles)
        {
            foreach (var s in shingles)
            {
                ref var a = ref first[Slot(s, 0)];
                if (a < ushort.MaxValue) a++;
                ref var b = ref second[Slot(s, 1)];
                if (b < ushort.MaxValue) b++;
            }
        }

        public int Of(uint shingle) => Math.Min(first[Slot(shingle, 0)], second[Slot(shingle, 1)]);

        private static int Slot(uint shingle, int row) =>
            (int)((shingle * (row == 0 ? 0x9E3779B1u : 0x85EBCA77u)) >> (32 - Bits));
    }
}
