using System.IO.Compression;

namespace OpenData.Generation;

/// <summary>
/// Generates a synthetic dataset in the Senate's own formats (<c>questions.sql</c> pg_dump, optionally zipped, the
/// senators' JSON files and the one-year CSV extract), with realistic shapes, deterministic for a given seed, streamed to disk.
/// </summary>
public static class DatasetGenerator
{
    public const string DumpFileName = "questions.sql";
    public const string ZipFileName = "questions.zip";
    public const string SenatorsFileName = "ODSEN_GENERAL.json";
    public const string GroupsFileName = "ODSEN_HISTOGROUPES.json";
    public const string ExtractFileName = "questions-depuis-un-an.csv";

    /// <summary>
    /// What the generator planted for the twin finder to find (not a source file: no importer reads it): one line per
    /// question of a campaign, <c>question,campaign,edit</c>, the campaign's own line with the edit <c>campaign</c>, its
    /// copies' with <c>identical</c>, <c>words-changed</c>, <c>sentence-added</c> or <c>new-title</c>, its decoys' (its title,
    /// none of its words) with <c>decoy</c>.
    /// </summary>
    public const string PlantedTwinsFileName = "planted-twins.csv";

    /// <summary>Fixed entry time inside the zip, so that the archive is reproducible too.</summary>
    private static readonly DateTimeOffset ZipEntryTime = new(2026, 10, 31, 0, 0, 0, TimeSpan.Zero);

    public static GenerationSummary Generate(GenerationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Questions, 1, nameof(options.Questions));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.OutputDirectory, nameof(options.OutputDirectory));

        var directory = Path.GetFullPath(options.OutputDirectory);
        Directory.CreateDirectory(directory);

        var random = new Random(options.Seed);
        var world = BuildWorld(random, options.Questions);
        var plan = QuestionPlanner.Plan(random, world, options.Questions - 1, cancellationToken); // and the real question
        TwinPlanner.Plant(plan, world, options.Seed);

        var dump = Path.Combine(directory, DumpFileName);
        var senators = Path.Combine(directory, SenatorsFileName);
        var groups = Path.Combine(directory, GroupsFileName);
        var extract = Path.Combine(directory, ExtractFileName);
        using (var extractWriter = new ExtractWriter(extract))
            DumpWriter.Write(dump, extractWriter, world, plan, options, cancellationToken);
        var planted = Path.Combine(directory, PlantedTwinsFileName);
        WritePlantedTwins(planted, plan);
        SenatorJsonWriter.WriteGeneral(senators, world.Senators, cancellationToken);
        SenatorJsonWriter.WriteGroups(groups, world.Senators, cancellationToken);
        var files = new List<string> { dump, senators, groups, extract, planted };
        if (options.Zip)
        {
            var zip = Path.Combine(directory, ZipFileName);
            WriteZip(dump, zip, cancellationToken);
            files.Add(zip);
        }

        return new GenerationSummary(
            options.Questions, plan.Answers, world.Senators.Count, world.Ministries.Count + 1, plan.UnknownAuthorQuestions, files);
    }

    /// <summary>
    /// Scales with the number of questions: ~1 senator per 150 questions (at least 40), one government per
    /// 10,000 questions (at least 3), ~30 ministries each.
    /// </summary>
    internal static World BuildWorld(Random random, int questions)
    {
        var governments = GovernmentBuilder.Build(random, Math.Max(3, (int)Math.Ceiling(questions / 10_000.0)));
        var periodStart = governments[0].Start;
        var legislatures = LegislatureBuilder.Build(random, periodStart);
        var senatorCount = Math.Max(40, questions / 150) - 1; // and the real question's author
        var (senators, seats, seatWeights, ghosts) = SenatorBuilder.Build(random, senatorCount, Math.Max(2, senatorCount / 100), periodStart);
        return new World
        {
            Legislatures = legislatures,
            Governments = governments,
            Ministries = [.. governments.SelectMany(g => g.Ministries)],
            Senators = senators,
            Ghosts = ghosts,
            Seats = seats,
            SeatCumulativeWeights = seatWeights,
        };
    }

    private static void WritePlantedTwins(string path, QuestionPlan plan)
    {
        using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false));
        writer.WriteLine("question,campaign,edit");
        if (plan.CopiesPublished >= 0)
        {
            writer.WriteLine($"{PublishedQuestion.Reference},{PublishedQuestion.Reference},campaign");
            writer.WriteLine($"{plan.Questions[plan.CopiesPublished].Reference},{PublishedQuestion.Reference},identical");
        }
        var questions = plan.Questions;
        for (var i = 0; i < questions.Length; i++)
        {
            ref readonly var q = ref questions[i];
            if (q.TwinOf < 0) continue;
            var edit = q.TwinOf == i ? "campaign" : q.TwinEdit switch
            {
                TwinEdit.Identical => "identical",
                TwinEdit.WordsChanged => "words-changed",
                TwinEdit.SentenceAdded => "sentence-added",
                TwinEdit.NewTitle => "new-title",
                _ => "decoy",
            };
            writer.WriteLine($"{q.Reference},{questions[q.TwinOf].Reference},{edit}");
        }
    }

    private static void WriteZip(string source, string destination, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var output = new FileStream(destination, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var archive = new ZipArchive(output, ZipArchiveMode.Create);
        var entry = archive.CreateEntry(DumpFileName, CompressionLevel.Optimal);
        entry.LastWriteTime = ZipEntryTime;
        using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var entryStream = entry.Open();
        input.CopyTo(entryStream, 1 << 20);
    }
}
