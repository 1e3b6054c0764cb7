namespace OpenData.Generation;

/// <summary>
/// Successive governments ending with the current one, each with ~30 ministries. A ministry's successor
/// (<c>minidremp</c>) is the same portfolio in the next government; optional portfolios come and go.
/// </summary>
internal static class GovernmentBuilder
{
    public static List<Government> Build(Random random, int governmentCount)
    {
        var governments = CreateSpans(random, governmentCount);
        var portfolios = Portfolios.All;
        var present = new bool[portfolios.Length];
        var variant = new int[portfolios.Length];
        var ministers = new (string Name, bool Female)?[portfolios.Length];
        var nextId = 101L;
        var index = 0;

        foreach (var government in governments)
        {
            for (var p = 0; p < portfolios.Length; p++)
            {
                present[p] = IsPresent(random, portfolios[p], government.Index == 0 ? null : present[p]);
                if (government.Index == 0 || random.Chance(0.25))
                {
                    variant[p] = random.Next(portfolios[p].Variants.Length);
                }
                if (ministers[p] is null || !random.Chance(0.55))
                {
                    var female = random.Chance(0.4);
                    ministers[p] = (MinisterName(random, female), female);
                }
            }

            var isCurrent = government.End == Days.None;
            var order = 0;
            for (var p = 0; p < portfolios.Length; p++)
            {
                if (!present[p])
                {
                    continue;
                }
                var (name, female) = ministers[p]!.Value;
                // Guarantees a "Ministre déléguée" with a long label in every dataset.
                if (isCurrent && portfolios[p].Key == "collectivites" && !female)
                {
                    female = true;
                    name = MinisterName(random, female);
                }
                if (nextId == PublishedQuestion.MinistryId) nextId++; // the real question's ministry
                var ministry = Describe(portfolios, p, variant, present, female, name, government.Index, ++order, nextId++, index++);
                government.Ministries.Add(ministry);
            }
            Index(government);
        }

        for (var g = 0; g + 1 < governments.Count; g++)
        {
            var next = governments[g + 1].Ministries;
            foreach (var ministry in governments[g].Ministries)
            {
                ministry.SuccessorId = next.Find(m => m.Portfolio == ministry.Portfolio)?.Id;
            }
        }
        return governments;
    }

    private static List<Government> CreateSpans(Random random, int count)
    {
        var durations = new int[count];
        durations[count - 1] = random.Between(150, 480);
        for (var g = 0; g < count - 1; g++)
        {
            durations[g] = random.Between(300, 900);
        }
        var starts = new int[count];
        starts[count - 1] = Days.LastDay - durations[count - 1] + 1;
        for (var g = count - 2; g >= 0; g--)
        {
            starts[g] = starts[g + 1] - durations[g];
        }
        var governments = new List<Government>(count);
        for (var g = 0; g < count; g++)
        {
            governments.Add(new Government { Index = g, Start = starts[g], End = g == count - 1 ? Days.None : starts[g + 1] });
        }
        return governments;
    }

    /// <summary>Core portfolios always exist; optional ones persist with a Markov chain whose long-run share is their presence.</summary>
    private static bool IsPresent(Random random, Portfolio portfolio, bool? previously)
    {
        if (portfolio.Presence >= 1.0)
        {
            return true;
        }
        const double stay = 0.8;
        var appear = (1 - stay) * portfolio.Presence / (1 - portfolio.Presence);
        return previously switch
        {
            null => random.Chance(portfolio.Presence),
            true => random.Chance(stay),
            false => random.Chance(appear),
        };
    }

    private static Ministry Describe(Portfolio[] portfolios, int p, int[] variant, bool[] present, bool female, string name, int government, int order, long id, int index)
    {
        var portfolio = portfolios[p];
        var (label, phrase) = portfolio.Variants[variant[p]];
        string longLabel, title, joTitle, addressee;
        var charge = female ? "chargée" : "chargé";
        switch (portfolio.Rank)
        {
            case PortfolioRank.PrimeMinister:
                longLabel = "Premier ministre";
                title = female ? "Première ministre" : "Premier ministre";
                joTitle = "Premier ministre";
                addressee = female ? "Mme la Première ministre" : "M. le Premier ministre";
                break;
            case PortfolioRank.Minister:
                longLabel = "Ministère " + phrase;
                title = "Ministre";
                joTitle = "Ministère " + char.ToLowerInvariant(label[0]) + label[1..];
                addressee = (female ? "Mme la ministre " : "M. le ministre ") + phrase;
                break;
            default:
                var beside = Beside(portfolios, portfolio, variant, present);
                var delegate_ = portfolio.Rank == PortfolioRank.Delegate;
                longLabel = (delegate_ ? "Ministère " : "Secrétariat d'État ") + beside + ", chargé " + phrase;
                title = delegate_ ? (female ? "Ministre déléguée" : "Ministre délégué") : "Secrétaire d'État";
                joTitle = label;
                addressee = (delegate_
                    ? (female ? "Mme la ministre déléguée " : "M. le ministre délégué ")
                    : (female ? "Mme la secrétaire d'État " : "M. le secrétaire d'État ")) + beside + ", " + charge + " " + phrase;
                break;
        }
        return new Ministry
        {
            Index = index,
            Id = id,
            Government = government,
            Portfolio = p,
            Order = order,
            Label = Truncate(label, 120),
            LongLabel = Truncate(longLabel, 255),
            MinisterTitle = title,
            JoTitle = Truncate(joTitle, 255),
            MinisterName = name,
            Addressee = addressee,
            Weight = portfolio.Weight,
        };
    }

    /// <summary>"auprès du ministre de X [et du ministre de Y]", or of the Prime Minister when the parent is absent.</summary>
    private static string Beside(Portfolio[] portfolios, Portfolio portfolio, int[] variant, bool[] present)
    {
        static string? Phrase(Portfolio[] all, string? key, int[] variant, bool[] present)
        {
            if (key is null)
            {
                return null;
            }
            var i = Portfolios.IndexOf(key);
            return i < 0 || !present[i] || all[i].Rank == PortfolioRank.PrimeMinister ? null : all[i].Variants[variant[i]].Phrase;
        }
        var first = Phrase(portfolios, portfolio.Parent, variant, present);
        var second = Phrase(portfolios, portfolio.SecondParent, variant, present);
        return (first, second) switch
        {
            (null, _) => "auprès du Premier ministre",
            (_, null) => "auprès du ministre " + first,
            _ => "auprès du ministre " + first + " et du ministre " + second,
        };
    }

    private static void Index(Government government)
    {
        government.CumulativeWeights = RandomExtensions.Cumulative(government.Ministries.Select(m => m.Weight));
        var byTheme = new List<int>[LookupTables.Themes.Length];
        for (var t = 0; t < byTheme.Length; t++)
        {
            byTheme[t] = [];
        }
        for (var i = 0; i < government.Ministries.Count; i++)
        {
            foreach (var theme in Portfolios.All[government.Ministries[i].Portfolio].Themes)
            {
                byTheme[theme - 1].Add(i);
            }
        }
        government.ByTheme = [.. byTheme.Select(list => list.ToArray())];
    }

    private static string MinisterName(Random random, bool female) =>
        random.Pick(female ? PeopleVocabulary.FemaleFirstNames : PeopleVocabulary.MaleFirstNames) + " " + random.Pick(PeopleVocabulary.LastNames);

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
