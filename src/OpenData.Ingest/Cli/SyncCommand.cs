using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenData.Data;
using OpenData.Ingest.Sync;

namespace OpenData.Ingest.Cli;

internal static class SyncCommand
{
    public static Command Create(Option<string?> connection, TextWriter output)
    {
        var directory = new Option<string?>("--dir") { Description = "Where the files and sync-state.json are kept between runs (Sync__Directory)" };
        var questions = new Option<string?>("--questions-url") { Description = "URL of questions.zip (Sync__QuestionsUrl; default: data.senat.fr's)" };
        var senators = new Option<string?>("--senators-url") { Description = "URL of ODSEN_GENERAL.json (Sync__SenatorsUrl; default: data.senat.fr's)" };
        var groups = new Option<string?>("--groups-url") { Description = "URL of ODSEN_HISTOGROUPES.json, or \"\" for none (Sync__GroupsUrl; default: data.senat.fr's)" };
        var extract = new Option<string?>("--extract-url") { Description = "URL of questions-depuis-un-an.csv, or \"\" for none (Sync__ExtractUrl; default: data.senat.fr's)" };
        var timeout = new Option<int?>("--timeout-seconds") { Description = "How long the server may take to connect, to answer, or between two pieces of a file (Sync__TimeoutSeconds; default 60)" };
        var maxMegabytes = new Option<int?>("--max-download-mb") { Description = "The largest file a download may bring, in MB (Sync__MaxDownloadMegabytes; default 2048)" };
        var maxSeconds = new Option<int?>("--max-file-seconds") { Description = "How long one file's download may take in all (Sync__MaxFileSeconds; default 3600)" };
        var command = new Command("sync",
            "Downloads the Senate's files when they changed (conditional requests), checks that each is whole, and imports them only when " +
            "the serving dataset was not imported from them; a failed, partial or refused download replaces nothing and leaves no .part file. " +
            "Redirects are followed on the file's own host only. Exit codes: 0 imported or up to date, " +
            $"1 usage or settings, {IngestCli.BadInput} a downloaded file is not whole or not valid, {IngestCli.DatabaseProblem} database problem, " +
            $"{IngestCli.DownloadFailed} a download failed (network, HTTP status, timeout, connection cut, too large, redirected to another host).")
        {
            directory, questions, senators, groups, extract, timeout, maxMegabytes, maxSeconds,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>
            {
                ["Directory"] = result.GetValue(directory), ["QuestionsUrl"] = result.GetValue(questions), ["SenatorsUrl"] = result.GetValue(senators),
                ["GroupsUrl"] = result.GetValue(groups), ["ExtractUrl"] = result.GetValue(extract),
                ["TimeoutSeconds"] = result.GetValue(timeout)?.ToString(CultureInfo.InvariantCulture),
                ["MaxDownloadMegabytes"] = result.GetValue(maxMegabytes)?.ToString(CultureInfo.InvariantCulture),
                ["MaxFileSeconds"] = result.GetValue(maxSeconds)?.ToString(CultureInfo.InvariantCulture),
            };
            var options = ReadOptions(overrides.Where(o => o.Value is not null).ToDictionary(o => $"{SyncOptions.Section}:{o.Key}", o => o.Value));
            await using var dataSource = Database.CreateDataSource(IngestCli.ConnectionString(result, connection), "opendata-ingest");
            var outcome = await new SyncRunner(options, dataSource, output).RunAsync(cancellationToken);
            if (outcome.Import is { } import) await output.WriteLineAsync(ImportCommand.Summary(import));
            else await output.WriteLineAsync($"nothing to import: {outcome.Reason}");
            return 0;
        });
        return command;
    }

    /// <summary>The Sync section (environment variables, then the command's options), validated before anything runs.</summary>
    private static SyncOptions ReadOptions(IDictionary<string, string?> overrides)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(overrides).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddOptions<SyncOptions>().BindConfiguration(SyncOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        return provider.GetRequiredService<IOptions<SyncOptions>>().Value;
    }
}
