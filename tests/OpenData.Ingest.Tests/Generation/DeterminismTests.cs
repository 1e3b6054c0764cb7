using OpenData.Generation;
using OpenData.Testing;

namespace OpenData.Ingest.Tests.Generation;

public sealed class DeterminismTests
{
    [Fact]
    public void The_same_seed_writes_byte_identical_files()
    {
        using var first = TempDirectory.Create();
        using var second = TempDirectory.Create();

        var a = DatasetGenerator.Generate(new GenerationOptions(400, first.Path, Seed: 42, Zip: true));
        var b = DatasetGenerator.Generate(new GenerationOptions(400, second.Path, Seed: 42, Zip: true));

        Assert.Equal(a.Files.Select(Path.GetFileName), b.Files.Select(Path.GetFileName));
        Assert.Equal(6, a.Files.Count); // the dump, two senators files, the extract, the planted twins and the zip
        foreach (var (fileA, fileB) in a.Files.Zip(b.Files))
        {
            Assert.Equal(File.ReadAllBytes(fileA), File.ReadAllBytes(fileB));
        }
        Assert.Equal(a with { Files = [] }, b with { Files = [] });
    }

    [Fact]
    public void A_different_seed_writes_different_questions()
    {
        using var first = TempDirectory.Create();
        using var second = TempDirectory.Create();

        DatasetGenerator.Generate(new GenerationOptions(400, first.Path, Seed: 1));
        DatasetGenerator.Generate(new GenerationOptions(400, second.Path, Seed: 2));

        var questionsA = CopyDumpReader.Read(first.File("questions.sql"))["tam_questions"].Rows.Select(r => r["reference"] + r["txtque"]).ToList();
        var questionsB = CopyDumpReader.Read(second.File("questions.sql"))["tam_questions"].Rows.Select(r => r["reference"] + r["txtque"]).ToList();
        Assert.NotEqual(questionsA, questionsB);
        Assert.NotEqual(File.ReadAllBytes(first.File("questions.sql")), File.ReadAllBytes(second.File("questions.sql")));
    }

    [Fact]
    public void A_cancelled_token_stops_the_generation()
    {
        using var directory = TempDirectory.Create();
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(
            () => DatasetGenerator.Generate(new GenerationOptions(1_000, directory.Path), cancellation.Token));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_dataset_needs_at_least_one_question(int questions)
    {
        using var directory = TempDirectory.Create();

        Assert.Throws<ArgumentOutOfRangeException>(() => DatasetGenerator.Generate(new GenerationOptions(questions, directory.Path)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(37)]
    public void Tiny_datasets_are_complete_and_consistent(int questions)
    {
        using var directory = TempDirectory.Create();

        var summary = DatasetGenerator.Generate(new GenerationOptions(questions, directory.Path));

        var blocks = CopyDumpReader.Read(directory.File("questions.sql"));
        Assert.Equal(questions, blocks["tam_questions"].RawRows.Count);
        Assert.Equal(summary.Answers, blocks["tam_reponses"].RawRows.Count);
        Assert.Equal(40, summary.Senators);
        Assert.Equal(0, summary.UnknownAuthorQuestions);
    }

    [Theory]
    // Sizes of the datasets: the generated questions and the real one.
    [InlineData(101, 1)]
    [InlineData(201, 1)]
    [InlineData(1_001, 5)]
    public void Small_datasets_still_have_every_kind_and_unknown_authors(int questions, int unknownAuthors)
    {
        using var directory = TempDirectory.Create();

        var summary = DatasetGenerator.Generate(new GenerationOptions(questions, directory.Path, Seed: 11));

        var known = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(directory.File("ODSEN_GENERAL.json")))
            .RootElement.EnumerateArray().Select(s => s.GetProperty("Matricule").GetString()).ToHashSet();
        var rows = CopyDumpReader.Read(directory.File("questions.sql"))["tam_questions"].Rows.ToList();
        Assert.Equal(unknownAuthors, summary.UnknownAuthorQuestions);
        Assert.Equal(unknownAuthors, rows.Count(r => !known.Contains(r["matricule"])));
        if (questions > 200)
        {
            Assert.Equal(["QC", "QE", "QG", "QOAD", "QOAE", "QOSD"], rows.Select(r => r["natquecod"]).Distinct().Order(StringComparer.Ordinal));
        }
    }
}
