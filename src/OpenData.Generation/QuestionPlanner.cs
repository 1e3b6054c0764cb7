namespace OpenData.Generation;

/// <summary>
/// Decides every question's facts in publication order: date, kind, author, ministry, transfer, outcome,
/// answer date, common answers and reminders. Chronological order lets reminders and common answers look back.
/// </summary>
internal static class QuestionPlanner
{
    private const int RecentPerAuthor = 8;
    private const double TransferShare = 0.115;
    private const double ReminderShare = 0.03;
    private const double CommonAnswerShare = 0.02;

    public static QuestionPlan Plan(Random random, World world, int count, CancellationToken cancellationToken)
    {
        var kinds = QuestionSchedule.AssignKinds(random, count);
        var unknown = QuestionSchedule.PickUnknownAuthors(random, count);
        var dates = QuestionSchedule.PublicationDates(random, world.Governments, count);
        var questions = new PlannedQuestion[count];
        var groups = new List<AnswerGroup>();
        var openGroup = new int[world.Ministries.Count];
        Array.Fill(openGroup, -1);
        var authorCount = world.Senators.Count + world.Ghosts.Count;
        var recent = new int[authorCount * RecentPerAuthor];
        var recentCount = new int[authorCount];
        var numbers = new int[world.Legislatures.Count * 4];
        var references = new HashSet<long> { PublishedQuestion.ReferenceKey };
        int legislature = 0, government = 0, answered = 0, grouped = 0, reminders = 0, unknownCount = 0;

        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var day = dates[i];
            while (!world.Legislatures[legislature].Contains(day))
            {
                legislature++;
            }
            while (world.Governments[government].LastDay < day)
            {
                government++;
            }
            var leg = world.Legislatures[legislature];
            var gov = world.Governments[government];
            ref var q = ref questions[i];
            q.Published = day;
            q.Kind = kinds[i];
            q.Legislature = (short)legislature;
            q.Numero = NextNumero(numbers, references, legislature, q.Kind, day);
            q.Subject = (short)random.Next(TextVocabulary.Subjects.Length);
            q.Group = -1;
            q.Reminds = -1;
            q.TransferMinistry = -1;

            if (unknown[i])
            {
                q.Author = world.Senators.Count + random.Next(world.Ghosts.Count);
                unknownCount++;
            }
            else
            {
                q.Author = world.Seats[random.Weighted(world.SeatCumulativeWeights)].OccupantAt(day).Index;
            }

            var local = PickMinistry(random, gov, q.Kind, TextVocabulary.Subjects[q.Subject].Theme);
            q.Ministry = gov.Ministries[local].Index;
            if (q.Kind is QuestionKind.Written or QuestionKind.OralWithoutDebate && gov.Ministries.Count > 1 && random.Chance(TransferShare))
            {
                var transferDay = day + random.Between(4, 60);
                if (transferDay <= Days.LastDay)
                {
                    var other = random.Next(gov.Ministries.Count - 1);
                    q.TransferMinistry = gov.Ministries[other >= local ? other + 1 : other].Index;
                    q.TransferDate = transferDay;
                }
            }

            var limit = leg.End == Days.None ? Days.LastDay : Math.Min(leg.End, Days.LastDay);
            DecideOutcome(random, ref q, leg.End == Days.None, limit);

            if (q.IsAnswered)
            {
                answered++;
                if (q.Kind == QuestionKind.Written)
                {
                    grouped += JoinOrOpenGroup(random, ref q, i, groups, openGroup, limit, grouped < CommonAnswerShare * answered);
                }
                if (random.Chance(0.005))
                {
                    q.Flags |= QuestionFlags.AnswerErratum;
                }
            }
            if (random.Chance(0.004))
            {
                q.Flags |= QuestionFlags.QuestionErratum;
            }
            if (random.Chance(0.002))
            {
                q.Flags |= QuestionFlags.PublicComment;
            }

            if (q.Kind == QuestionKind.Written && reminders < ReminderShare * (i + 1))
            {
                q.Reminds = FindRemindable(questions, recent, recentCount[q.Author], q.Author, day);
                if (q.Reminds >= 0)
                {
                    reminders++;
                }
            }
            recent[q.Author * RecentPerAuthor + recentCount[q.Author] % RecentPerAuthor] = i;
            recentCount[q.Author]++;
        }

        // A common answer needs at least two questions; lone anchors are ordinary answers.
        foreach (var group in groups)
        {
            if (group.Size < 2)
            {
                questions[group.Anchor].Group = -1;
            }
        }
        foreach (ref var q in questions.AsSpan())
        {
            if (q.IsAnswered)
            {
                q.Outcome = q.Group >= 0 ? Outcome.CommonAnswer : Outcome.Answered;
            }
        }
        return new QuestionPlan { Questions = questions, Groups = groups, Answers = answered, UnknownAuthorQuestions = unknownCount };
    }

    private static void DecideOutcome(Random random, ref PlannedQuestion q, bool currentLegislature, int limit)
    {
        var u = random.NextDouble();
        if (q.Kind == QuestionKind.Written && u < 0.015)
        {
            q.Outcome = Outcome.Converted;
            return;
        }
        if (u < 0.035)
        {
            q.Outcome = Outcome.Withdrawn;
            return;
        }
        var unanswered = currentLegislature ? Outcome.Awaiting : Outcome.Lapsed;
        // Older legislatures carry more questions that were never answered and lapsed.
        if (u < (currentLegislature ? 0.075 : 0.125))
        {
            // Never answered: lapsed once its legislature (or, half the time, its author's mandate) is over.
            q.Outcome = currentLegislature && random.Chance(0.5) ? Outcome.Awaiting : Outcome.Lapsed;
            return;
        }
        var answer = q.Published + SampleDelay(random, q.Kind);
        if (q.IsTransferred)
        {
            answer = Math.Max(answer, q.TransferDate + random.Between(3, 30));
        }
        // Not answered by today: still awaiting. Not answered by the end of its legislature: mostly lapsed.
        if (answer > Days.LastDay || (answer > limit && random.Chance(0.7)))
        {
            q.Outcome = unanswered;
            return;
        }
        q.Outcome = Outcome.Answered;
        q.AnswerDate = answer;
    }

    /// <summary>Answer delays in days: long-tailed for written questions (median ~60, p90 ~200), short for oral ones.</summary>
    private static int SampleDelay(Random random, QuestionKind kind) => kind switch
    {
        QuestionKind.Written => WrittenDelay(random),
        QuestionKind.OralWithoutDebate => random.LogNormal(28, 0.6, 7),
        QuestionKind.Topical => random.Between(1, 2),
        QuestionKind.Cribles => random.Between(1, 3),
        _ => random.LogNormal(20, 0.5, 5),
    };

    /// <summary>Log-normal, resampled beyond four years (real answers that late are rare).</summary>
    private static int WrittenDelay(Random random)
    {
        while (true)
        {
            var delay = random.LogNormal(68, 0.95);
            if (delay <= 1460)
            {
                return delay;
            }
        }
    }

    /// <summary>Joins the answering ministry's open common answer, or opens one; returns how many grouped answers this adds.</summary>
    private static int JoinOrOpenGroup(Random random, ref PlannedQuestion q, int index, List<AnswerGroup> groups, int[] openGroup, int limit, bool wantMore)
    {
        var ministry = q.AnsweringMinistry;
        var open = openGroup[ministry];
        if (open >= 0)
        {
            var group = groups[open];
            var earliest = q.IsTransferred ? q.TransferDate + 1 : q.Published + 1;
            if (group.Size < group.Target && group.Date >= earliest && group.Date <= limit && random.Chance(0.7))
            {
                group.Size++;
                q.AnswerDate = group.Date;
                q.Group = group.Id;
                return group.Size == 2 ? 2 : 1;
            }
        }
        if (wantMore && random.Chance(0.3))
        {
            var group = new AnswerGroup { Id = groups.Count, Date = q.AnswerDate, Anchor = index, Target = random.Between(2, 5) };
            groups.Add(group);
            openGroup[ministry] = group.Id;
            q.Group = group.Id;
        }
        return 0;
    }

    private static int FindRemindable(PlannedQuestion[] questions, int[] recent, int recentCount, int author, int day)
    {
        for (var k = 1; k <= Math.Min(recentCount, RecentPerAuthor); k++)
        {
            var j = recent[author * RecentPerAuthor + (recentCount - k) % RecentPerAuthor];
            ref readonly var earlier = ref questions[j];
            if (earlier.Kind == QuestionKind.Written && earlier.Published < day
                && earlier.Outcome is not (Outcome.Withdrawn or Outcome.Converted)
                && (earlier.AnswerDate == Days.None || earlier.AnswerDate > day))
            {
                return j;
            }
        }
        return -1;
    }

    private static int PickMinistry(Random random, Government government, QuestionKind kind, int theme)
    {
        if (kind == QuestionKind.Topical && random.Chance(0.3) && government.Ministries[0].MinisterTitle.StartsWith("Premi", StringComparison.Ordinal))
        {
            return 0;
        }
        var matching = government.ByTheme[theme - 1];
        return matching.Length > 0 && random.Chance(0.75)
            ? matching[random.Next(matching.Length)]
            : random.Weighted(government.CumulativeWeights);
    }

    /// <summary>Numbers run per legislature and reference letter; the reference (letter, yymm, number) stays unique.</summary>
    private static int NextNumero(int[] numbers, HashSet<long> references, int legislature, QuestionKind kind, int day)
    {
        var slot = legislature * 4 + kind.LetterIndex();
        while (true)
        {
            var numero = numbers[slot]++ % 99_999 + 1;
            var key = ((long)kind.LetterIndex() * 10_000 + Days.YearMonthCode(day)) * 100_000 + numero;
            if (references.Add(key))
            {
                return numero;
            }
        }
    }
}
