using System.Text.RegularExpressions;
using OpenData.Ingest.Cli;

namespace OpenData.Deploy.Tests;

/// <summary>deploy/import.sh (the job of compose.yaml and of the CronJob) calls the importer's real commands and options.</summary>
public sealed partial class ImportJobTests
{
    [Fact]
    public async Task Every_importer_call_of_the_import_job_is_a_command_and_options_the_importer_has()
    {
        var script = DeployFiles.Text("deploy/import.sh");
        Assert.Contains("dotnet /app/opendata-ingest.dll \"$@\"", script);
        var calls = Call().Matches(script).Select(m => (Command: m.Groups[1].Value, Options: Option().Matches(m.Groups[2].Value).Select(o => o.Value).ToList())).ToList();
        Assert.Equal(["generate", "import", "import", "migrate", "status", "sync"], calls.Select(c => c.Command).Order());
        foreach (var (command, options) in calls)
        {
            var help = new StringWriter();
            Assert.Equal(0, await IngestCli.RunAsync([command, "--help"], help, new StringWriter()));
            Assert.All(options, option => Assert.Matches($@"(?<![\w-]){option}(?![\w-])", help.ToString()));
        }
        Assert.Equal(0, RunShell("sh", "-n", "deploy/import.sh"));
    }

    private static int RunShell(string shell, params string[] arguments) => DeployFiles.Run(shell, arguments).ExitCode;

    // "ingest <command> …" up to the end of the line, continuation lines included.
    [GeneratedRegex(@"^\s*(?:\S+\)\s*)?ingest (\w+)((?:[^\n]*\\\n)*[^\n]*)", RegexOptions.Multiline)]
    private static partial Regex Call();

    [GeneratedRegex(@"--[a-z][a-z-]*")]
    private static partial Regex Option();
}
