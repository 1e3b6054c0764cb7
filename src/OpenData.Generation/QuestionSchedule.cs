namespace OpenData.Generation;

/// <summary>The draws made for all questions at once: kinds by exact quota, unknown authors, publication dates.</summary>
internal static class QuestionSchedule
{
    /// <summary>Exact kind counts (each kind present from 200 questions), in random order.</summary>
    public static QuestionKind[] AssignKinds(Random random, int count)
    {
        var shares = QuestionKinds.Shares;
        var counts = new int[shares.Length];
        var minimum = count >= 200 ? 1 : 0;
        for (var k = 1; k < shares.Length; k++)
        {
            counts[k] = Math.Max(minimum, (int)Math.Round(count * shares[k], MidpointRounding.AwayFromZero));
        }
        counts[0] = count - counts.Skip(1).Sum();
        var kinds = new QuestionKind[count];
        var position = 0;
        for (var k = 0; k < shares.Length; k++)
        {
            Array.Fill(kinds, (QuestionKind)k, position, counts[k]);
            position += counts[k];
        }
        random.Shuffle(kinds);
        return kinds;
    }

    /// <summary>~0.5% of questions, at least one from 100 questions, by authors missing from the senators file.</summary>
    public static bool[] PickUnknownAuthors(Random random, int count)
    {
        var wanted = (int)Math.Round(count * 0.005, MidpointRounding.AwayFromZero);
        if (count >= 100)
        {
            wanted = Math.Max(1, wanted);
        }
        var unknown = new bool[count];
        for (var picked = 0; picked < wanted;)
        {
            var i = random.Next(count);
            if (!unknown[i])
            {
                unknown[i] = true;
                picked++;
            }
        }
        return unknown;
    }

    /// <summary>Sorted publication days, spread over the governments in proportion to their length.</summary>
    public static int[] PublicationDates(Random random, IReadOnlyList<Government> governments, int count)
    {
        var lengths = governments.Select(g => (double)(g.LastDay - g.Start + 1)).ToArray();
        var total = lengths.Sum();
        var counts = lengths.Select(l => (int)Math.Floor(count * l / total)).ToArray();
        var remainders = Enumerable.Range(0, counts.Length)
            .OrderByDescending(g => count * lengths[g] / total - counts[g]).ThenBy(g => g).ToArray();
        var missing = count - counts.Sum();
        for (var k = 0; k < missing; k++)
        {
            counts[remainders[k]]++;
        }
        var dates = new int[count];
        var position = 0;
        for (var g = 0; g < governments.Count; g++)
        {
            var government = governments[g];
            for (var k = 0; k < counts[g]; k++)
            {
                dates[position + k] = random.Between(government.Start, government.LastDay);
            }
            Array.Sort(dates, position, counts[g]);
            position += counts[g];
        }
        return dates;
    }
}
