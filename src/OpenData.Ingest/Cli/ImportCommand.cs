using System.CommandLine;
using System.Globalization;
using OpenData.Data;
using OpenData.Ingest.Import;

namespace OpenData.Ingest.Cli;

internal static class ImportCommand
{
    public static Command Create(Option<string?> connection, TextWriter output)
    {
        var questions = new Option<FileInfo?>("--questions") { Description = "The questions dump: questions.zip as published, or the questions.sql it holds" };
        var senators = new Option<FileInfo?>("--senators") { Description = "ODSEN_GENERAL.json (every senator); required with --questions" };
        var groups = new Option<FileInfo?>("--groups") { Description = "ODSEN_HISTOGROUPES.json (group memberships over time)" };
        var extract = new Option<FileInfo?>("--extract")
        {
            Description = "questions-depuis-un-an.csv, the one-year extract: its questions are updated or added on top of the full files given, " +
                "or, alone, on top of the serving dataset (questions absent from it are kept)",
        };
        var command = new Command("import",
            "Imports the Senate's files as a new dataset, all or nothing: on any error the previous dataset keeps serving.")
        {
            questions, senators, groups, extract,
        };
        command.Validators.Add(result =>
        {
            var full = result.GetValue(questions) is not null;
            if (full != result.GetValue(senators) is not null)
                result.AddError("--questions and --senators go together (a full import)");
            else if (!full && result.GetValue(extract) is null)
                result.AddError("give --questions and --senators (a full import), --extract (the one-year extract on top of the serving dataset), or both");
            else if (!full && result.GetValue(groups) is not null)
                result.AddError("--groups goes with --questions and --senators");
        });
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var dataSource = Database.CreateDataSource(IngestCli.ConnectionString(result, connection), "opendata-ingest");
            var request = new ImportRequest(result.GetValue(questions)?.FullName, result.GetValue(senators)?.FullName, result.GetValue(groups)?.FullName,
                result.GetValue(extract)?.FullName);
            var outcome = await new Importer(dataSource, output).RunAsync(request, cancellationToken);
            await output.WriteLineAsync(Summary(outcome));
            return 0;
        });
        return command;
    }

    internal static string Summary(ImportResult result)
    {
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"imported dataset version {result.Version} in {result.Elapsed.TotalSeconds:F1}s"),
        };
        lines.AddRange(result.RowCounts.Select(c => string.Create(CultureInfo.InvariantCulture, $"  {c.Key,-16} {c.Value,10:N0}")));
        lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"  questions whose author is not in the senators file: {result.UnknownAuthors:N0} (imported with the author as named in the question)"));
        lines.AddRange(result.Notices.Select(n => $"  notice: {n}"));
        return string.Join(Environment.NewLine, lines);
    }
}
