using System.Text.Json;
using OpenData.Generation;
using OpenData.Testing;

namespace OpenData.Ingest.Tests.Generation;

/// <summary>A real 5,000-question dataset generated once into a temporary directory, parsed, and deleted afterwards.</summary>
public sealed class GeneratedDatasetFixture : IDisposable
{
    public const int QuestionCount = 5_000;

    public GeneratedDatasetFixture()
    {
        Directory = TempDirectory.Create();
        Summary = DatasetGenerator.Generate(new GenerationOptions(QuestionCount, Directory.Path, Seed: 7));
        var blocks = CopyDumpReader.Read(System.IO.Path.Combine(Directory.Path, "questions.sql"));
        // The shapes tested are the generator's: the real question and its ministry, copied as published, apart.
        Questions = [.. blocks["tam_questions"].Rows.Where(q => q["reference"] != "SEQ240611950")];
        RealQuestion = blocks["tam_questions"].Rows.Single(q => q["reference"] == "SEQ240611950");
        Answers = [.. blocks["tam_reponses"].Rows];
        Ministries = [.. blocks["tam_ministeres"].Rows.Where(m => m["minid"] != "900")];
        RealMinistry = blocks["tam_ministeres"].Rows.Single(m => m["minid"] == "900");
        Legislatures = [.. blocks["legquestion"].Rows];
        RawQuestions = blocks["tam_questions"];
        Senators = ParseArray("ODSEN_GENERAL.json");
        Memberships = ParseArray("ODSEN_HISTOGROUPES.json");
    }

    public TempDirectory Directory { get; }
    public GenerationSummary Summary { get; }
    /// <summary>The generated questions (the real one apart).</summary>
    internal List<CopyRow> Questions { get; }
    internal CopyRow RealQuestion { get; }
    internal CopyRow RealMinistry { get; }
    internal List<CopyRow> Answers { get; }
    /// <summary>The generated ministries (the real question's, 900, apart).</summary>
    internal List<CopyRow> Ministries { get; }
    internal List<CopyRow> Legislatures { get; }
    internal CopyBlock RawQuestions { get; }
    public List<JsonElement> Senators { get; }
    public List<JsonElement> Memberships { get; }

    private List<JsonElement> ParseArray(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(System.IO.Path.Combine(Directory.Path, file)));
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    public void Dispose() => Directory.Dispose();
}

/// <summary>A fresh directory under the system temp directory, deleted with its content on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    private TempDirectory(string path) => Path = path;

    public string Path { get; }

    public static TempDirectory Create() =>
        new(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "opendata-generation-" + Guid.NewGuid().ToString("N")));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Path))
        {
            System.IO.Directory.Delete(Path, recursive: true);
        }
    }
}
