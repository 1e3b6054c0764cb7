using System.CommandLine;
using System.Diagnostics;
using System.Globalization;

namespace OpenData.Generation;

/// <summary>
/// <c>generate</c>: the command line of the generator, which the importer's command line offers as
/// <c>opendata-ingest generate</c>. It needs no database.
/// </summary>
public static class GenerateCommand
{
    public static Command Create(TextWriter output)
    {
        var questions = new Option<int>("--questions") { Description = "Number of questions to generate", Required = true };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Directory to write the files into", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed always gives the same files", DefaultValueFactory = _ => 1 };
        var zip = new Option<bool>("--zip") { Description = "Also write questions.zip, as the Senate publishes it" };
        var legacy = new Option<bool>("--legacy-copy") { Description = "Write the older pg_dump variant (SET search_path, unqualified COPY tables)" };
        var command = new Command("generate",
            "Writes a synthetic dataset in the Senate's own formats (questions.sql pg_dump, ODSEN_GENERAL.json, ODSEN_HISTOGROUPES.json, questions-depuis-un-an.csv).")
        {
            questions, outDir, seed, zip, legacy,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(questions) < 1) result.AddError("--questions must be at least 1");
        });
        command.SetAction(async (result, cancellationToken) =>
        {
            var clock = Stopwatch.StartNew();
            var summary = DatasetGenerator.Generate(new GenerationOptions(
                result.GetValue(questions), result.GetValue(outDir)!.FullName, result.GetValue(seed), result.GetValue(zip), result.GetValue(legacy)), cancellationToken);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"generated {summary.Questions:N0} questions, {summary.Answers:N0} answers, {summary.Senators:N0} senators, {summary.Ministries:N0} ministries ({summary.UnknownAuthorQuestions:N0} questions by authors absent from the senators file) in {clock.Elapsed.TotalSeconds:F1}s"));
            foreach (var file in summary.Files) await output.WriteLineAsync($"  {file}");
            return 0;
        });
        return command;
    }
}
