using OpenData.Ingest.Cli;
using OpenData.Testing;

namespace OpenData.Ingest.Tests;

public sealed class CliTests
{
    [Theory]
    [InlineData("migrate", "idempotent")]
    [InlineData("import", "--questions")]
    [InlineData("generate", "--seed")]
    [InlineData("status", "no dataset")]
    [InlineData("sync", "--extract-url")]
    public async Task Every_command_has_help(string command, string mentions)
    {
        var outcome = await IngestTool.RunAsync(command, "--help");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains(mentions, outcome.Output);
        Assert.Contains("--connection", (await IngestTool.RunAsync("--help")).Output);
    }

    [Fact]
    public async Task A_missing_required_option_is_a_usage_error()
    {
        var outcome = await IngestTool.RunAsync("import", "--senators", "x.json", "--connection", "Host=127.0.0.1");
        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("--questions", outcome.Error);
    }

    [Fact]
    public async Task An_unreachable_database_is_a_clear_error_without_stack_trace()
    {
        var outcome = await IngestTool.RunAsync("migrate", "--connection", "Host=127.0.0.1;Port=1;Username=x;Password=x;Timeout=2");
        Assert.Equal(IngestCli.DatabaseProblem, outcome.ExitCode);
        Assert.StartsWith("error: ", outcome.Error);
        Assert.DoesNotContain("   at ", outcome.Error);
    }

    [Fact]
    public async Task Status_on_a_database_never_migrated_says_to_migrate_with_the_no_dataset_code()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        var outcome = await IngestTool.RunAsync("status", "--connection", database.OwnerConnectionString);
        Assert.Equal(IngestCli.NoDataset, outcome.ExitCode);
        Assert.Contains("schema: migration none of", outcome.Output);
        Assert.Contains("run the migrate command first", outcome.Output);
        Assert.Equal("", outcome.Error);
    }

    [Fact]
    public async Task Status_reports_the_serving_dataset()
    {
        await using var database = await TemplateDatabases.MigratedAsync();
        var empty = await IngestTool.RunAsync("status", "--connection", database.OwnerConnectionString);
        Assert.Equal(IngestCli.NoDataset, empty.ExitCode);
        Assert.Contains("dataset: none imported yet", empty.Output);

        await IngestTool.ImportAsync(database, EdgeCaseFixture.Files);
        var loaded = await IngestTool.RunAsync("status", "--connection", database.OwnerConnectionString);
        Assert.Equal(0, loaded.ExitCode);
        Assert.Contains("dataset: version 1", loaded.Output);
        Assert.Matches(@"questions\s+12\n", loaded.Output);
        Assert.Contains("landed version 1", loaded.Output);
    }
}
