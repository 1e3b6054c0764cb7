using OpenData.Ingest.Cli;
using OpenData.Generation;

namespace OpenData.Testing;

/// <summary>Runs the importer's real command line in-process and captures what it prints.</summary>
public static class IngestTool
{
    public sealed record Outcome(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
    }

    public static async Task<Outcome> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await IngestCli.RunAsync(args, output, error);
        return new Outcome(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs a command that must succeed.</summary>
    public static async Task<Outcome> SucceedAsync(params string[] args)
    {
        var outcome = await RunAsync(args);
        if (outcome.ExitCode != 0) throw new InvalidOperationException($"ingest {string.Join(' ', args)} failed: {outcome}");
        return outcome;
    }

    public static Task<Outcome> MigrateAsync(TestDatabase database) =>
        SucceedAsync("migrate", "--connection", database.OwnerConnectionString);

    public static Task<Outcome> ImportAsync(TestDatabase database, SourceFiles files) =>
        SucceedAsync(["import", "--connection", database.OwnerConnectionString, .. files.ImportArguments]);
}

/// <summary>A set of source files in the Senate's formats.</summary>
public sealed record SourceFiles(string Directory, string Questions, string Senators, string? Groups)
{
    public string[] ImportArguments => Groups is null
        ? ["--questions", Questions, "--senators", Senators]
        : ["--questions", Questions, "--senators", Senators, "--groups", Groups];

    public static SourceFiles In(string directory, string questionsFile = "questions.sql") => new(directory,
        Path.Combine(directory, questionsFile), Path.Combine(directory, "ODSEN_GENERAL.json"), Path.Combine(directory, "ODSEN_HISTOGROUPES.json"));

    /// <summary>
    /// The generator's files for (questions, seed), made once per machine and reused: generation is
    /// deterministic, so a cached copy is the same as a fresh one.
    /// </summary>
    public static SourceFiles Generated(int questions, int seed = 1)
    {
        // Keyed by the generator's build too, so a changed generator never reuses files of an older one.
        var build = typeof(DatasetGenerator).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];
        var directory = Path.Combine(Path.GetTempPath(), "opendata-tests", $"generated-{questions}-{seed}-{build}");
        var marker = Path.Combine(directory, ".complete");
        if (!File.Exists(marker))
        {
            var scratch = $"{directory}.{Guid.NewGuid():N}";
            DatasetGenerator.Generate(new GenerationOptions(questions, scratch, seed, Zip: true));
            File.WriteAllText(Path.Combine(scratch, ".complete"), "");
            try
            {
                System.IO.Directory.Move(scratch, directory);
            }
            catch (IOException) when (File.Exists(marker))
            {
                System.IO.Directory.Delete(scratch, recursive: true); // another test process got there first
            }
        }
        return In(directory);
    }

    /// <summary>A scratch directory for one test, deleted when disposed.</summary>
    public static ScratchDirectory Scratch() => new();
}

public sealed class ScratchDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("opendata-test-").FullName;
    public string File(string name) => System.IO.Path.Combine(Path, name);
    public void Dispose() => Directory.Delete(Path, recursive: true);
}
