namespace OpenData.Generation;

/// <summary>
/// Senators as successive occupants of seats (the last occupant of each seat is ACTIF), so that at any date
/// of the period every seat has exactly one senator in office, with 1-3 group memberships over the mandate.
/// </summary>
internal static class SenatorBuilder
{
    public const int MaxActive = 348;

    public static (List<Senator> Senators, List<Seat> Seats, double[] SeatWeights, List<Senator> Ghosts) Build(
        Random random, int senatorCount, int ghostCount, int periodStart)
    {
        var matricules = new HashSet<string>(StringComparer.Ordinal) { PublishedQuestion.Matricule };
        var seatCount = Math.Clamp((int)Math.Round(senatorCount * 0.6), 1, MaxActive);
        // Former senators spread evenly over the seats, so mandates keep plausible lengths at every scale.
        var former = senatorCount - seatCount;
        var extras = new int[seatCount];
        var order = Enumerable.Range(0, seatCount).ToArray();
        random.Shuffle(order);
        for (var s = 0; s < seatCount; s++)
        {
            extras[order[s]] = former / seatCount + (s < former % seatCount ? 1 : 0);
        }

        var seats = new List<Seat>(seatCount);
        var senators = new List<Senator>(senatorCount);
        var low = periodStart + 60;
        var high = Days.LastDay - 120;
        for (var s = 0; s < seatCount; s++)
        {
            var seat = new Seat();
            var occupants = extras[s] + 1;
            var constituency = random.Pick(PeopleVocabulary.Constituencies);
            var start = periodStart - random.Between(30, 3650);
            for (var o = 0; o < occupants; o++)
            {
                var last = o == occupants - 1;
                var end = last ? Days.LastDay : ChangeDay(random, low, high, o + 1, occupants) - 1;
                var senator = CreateSenator(random, matricules, constituency, start, last ? Days.None : end, known: true);
                senators.Add(senator);
                seat.Occupants.Add((senator, start, end));
                start = end + 1;
            }
            seats.Add(seat);
        }

        // The author of the real question: in the senators files, in no seat (he asks no generated question).
        senators.Add(PublishedQuestion.Author());

        // Some senators ask far more questions than others.
        var seatWeights = RandomExtensions.Cumulative(seats.Select(_ => Math.Exp(0.8 * random.Normal())));

        senators.Sort((a, b) => string.CompareOrdinal(a.Matricule, b.Matricule));
        for (var i = 0; i < senators.Count; i++)
        {
            senators[i].Index = i;
        }

        var ghosts = new List<Senator>(ghostCount);
        for (var g = 0; g < ghostCount; g++)
        {
            var constituency = random.Pick(PeopleVocabulary.Constituencies);
            var ghost = CreateSenator(random, matricules, constituency, periodStart - 3650, Days.None, known: false);
            ghost.Index = senators.Count + g;
            ghosts.Add(ghost);
        }
        return (senators, seats, seatWeights, ghosts);
    }

    /// <summary>The k-th of (count-1) change days, evenly spread over [low, high] with jitter, strictly increasing.</summary>
    private static int ChangeDay(Random random, int low, int high, int k, int count)
    {
        var slot = (high - low) / (double)count;
        var jitter = (random.NextDouble() - 0.5) * 0.6 * slot;
        return low + (int)Math.Round(slot * k + jitter);
    }

    private static Senator CreateSenator(Random random, HashSet<string> matricules, (string Name, int Number) constituency, int start, int end, bool known)
    {
        var female = random.Chance(0.36);
        var firstName = random.Pick(female ? PeopleVocabulary.FemaleFirstNames : PeopleVocabulary.MaleFirstNames);
        var lastName = random.Pick(PeopleVocabulary.LastNames);
        var active = end == Days.None;
        var birth = start - random.Between(34 * 365, 62 * 365);
        var death = Days.None;
        if (!active && random.Chance(0.3))
        {
            death = random.Chance(0.15) ? end : end + random.Between(0, Math.Min(15 * 365, Days.LastDay - end));
        }
        var hasProfession = random.Chance(0.65);
        var senator = new Senator
        {
            Matricule = NewMatricule(random, matricules),
            Female = female,
            FirstName = firstName,
            LastName = lastName,
            Constituency = constituency.Name,
            ConstituencyNumber = constituency.Number,
            Known = known,
            Active = active,
            Birth = birth,
            Death = death,
            MandateStart = start,
            Committee = active || random.Chance(0.2) ? random.Pick(PeopleVocabulary.Committees) : null,
            BureauFunction = active && random.Chance(0.08) ? random.Pick(PeopleVocabulary.BureauFunctions) : null,
            Profession = hasProfession ? random.Next(PeopleVocabulary.Professions.Length) : -1,
            Email = PeopleVocabulary.EmailPart(firstName)[..1] + "." + PeopleVocabulary.EmailPart(lastName) + "@senat.fr",
        };
        AddMemberships(random, senator, start, end);
        return senator;
    }

    private static void AddMemberships(Random random, Senator senator, int start, int end)
    {
        var span = (end == Days.None ? Days.LastDay : end) - start;
        var count = random.NextDouble() switch { < 0.55 => 1, < 0.85 => 2, _ => 3 };
        count = Math.Min(count, Math.Max(1, span / 90));
        var cuts = new int[count + 1];
        cuts[0] = start;
        for (var k = 1; k < count; k++)
        {
            cuts[k] = start + (int)(span * (k + (random.NextDouble() - 0.5) * 0.5) / count);
        }
        string? previous = null;
        for (var k = 0; k < count; k++)
        {
            string group;
            do
            {
                group = LookupTables.Groups[random.Weighted(LookupTables.GroupCumulativeWeights)].Code;
            }
            while (group == previous);
            previous = group;
            var type = group == "NI" ? null : random.NextDouble() switch
            {
                < 0.78 => "Membre",
                < 0.88 => "Apparenté",
                < 0.93 => "Rattaché administrativement",
                _ => null,
            };
            var membershipEnd = k == count - 1 ? end : cuts[k + 1] - 1;
            senator.Memberships.Add(new Membership(group, type, cuts[k], membershipEnd));
        }
    }

    private static string NewMatricule(Random random, HashSet<string> taken)
    {
        while (true)
        {
            var number = random.Next(100_000);
            var letter = (char)('A' + random.Next(26));
            var matricule = number.ToString("D5", System.Globalization.CultureInfo.InvariantCulture) + letter;
            if (taken.Add(matricule))
            {
                return matricule;
            }
        }
    }
}
