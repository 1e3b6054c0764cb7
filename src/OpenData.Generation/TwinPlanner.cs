namespace OpenData.Generation;

/// <summary>
/// Plants twin questions, as an association's text sent to several senators becomes: some written questions are
/// campaigns, and later written questions by other senators copy one of them (word for word, with a few words changed,
/// with a sentence added, or under a new title); a few decoys take a campaign's title and none of its text. Decided
/// after the plan, from a stream of its own: the rest of the plan is the same with or without them.
/// </summary>
internal static class TwinPlanner
{
    private const double CampaignShare = 0.006;
    private const double DecoyShare = 0.1;
    private const int CampaignDays = 150;

    public static void Plant(QuestionPlan plan, World world, int seed)
    {
        var random = new Random(Seeds.Derive(seed, 17));
        var questions = plan.Questions;
        foreach (ref var q in questions.AsSpan())
        {
            q.TwinOf = -1;
        }
        // The first written question by another senator within a month of the real one copies it.
        for (var i = 0; i < questions.Length && plan.CopiesPublished < 0; i++)
        {
            ref readonly var q = ref questions[i];
            if (q.Kind == QuestionKind.Written && q.Reminds < 0 && world.Author(q.Author).Matricule != PublishedQuestion.Matricule && q.Published > PublishedQuestion.Published && q.Published <= PublishedQuestion.Published + 30)
                plan.CopiesPublished = i;
        }
        for (var source = 0; source < questions.Length; source++)
        {
            ref var campaign = ref questions[source];
            if (campaign.Kind != QuestionKind.Written || campaign.TwinOf >= 0 || campaign.Reminds >= 0 || source == plan.CopiesPublished || !random.Chance(CampaignShare)) continue;
            var copies = random.Chance(0.3) ? random.Between(4, 12) : random.Between(1, 3);
            var planted = 0;
            for (var i = source + 1; i < questions.Length && planted < copies && questions[i].Published <= campaign.Published + CampaignDays; i++)
            {
                ref var q = ref questions[i];
                if (q.Kind != QuestionKind.Written || q.TwinOf >= 0 || q.Reminds >= 0 || i == plan.CopiesPublished || q.Author == campaign.Author || !random.Chance(0.05)) continue;
                q.TwinOf = source;
                q.Subject = campaign.Subject;
                q.TwinEdit = planted == 0 ? TwinEdit.Identical : (TwinEdit)random.Between((int)TwinEdit.Identical, (int)TwinEdit.NewTitle);
                planted++;
            }
            if (planted == 0) continue;
            campaign.TwinOf = source;
            // Same title, other words: never a twin.
            if (random.Chance(DecoyShare * copies))
            {
                for (var i = source + 1; i < questions.Length && questions[i].Published <= campaign.Published + CampaignDays; i++)
                {
                    ref var q = ref questions[i];
                    if (q.Kind != QuestionKind.Written || q.TwinOf >= 0 || q.Reminds >= 0 || i == plan.CopiesPublished || !random.Chance(0.1)) continue;
                    q.TwinOf = source;
                    q.Subject = campaign.Subject;
                    q.TwinEdit = TwinEdit.Decoy;
                    break;
                }
            }
        }
    }

    /// <summary>Whether the question's title is drawn from its campaign's stream (the campaign, its copies under its title, its decoys).</summary>
    public static bool SharesTitle(in PlannedQuestion q) => q.TwinOf >= 0 && q.TwinEdit != TwinEdit.NewTitle;

    /// <summary>Whether the question's text is its campaign's (the campaign itself and its copies, not its decoys).</summary>
    public static bool SharesText(in PlannedQuestion q) => q.TwinOf >= 0 && q.TwinEdit != TwinEdit.Decoy;

    /// <summary>The stream a campaign's title and text are drawn from, the same for each of its copies.</summary>
    public static Random Campaign(int seed, int source) => new(Seeds.Derive(seed, 1_000_000_000L + source));
}
