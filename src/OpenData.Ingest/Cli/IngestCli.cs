using System.CommandLine;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenData.Generation;
using OpenData.Ingest.Import;
using OpenData.Ingest.Source;
using OpenData.Ingest.Sync;

namespace OpenData.Ingest.Cli;

/// <summary>
/// The importer's command line. Exit codes: 0 success, 1 usage error or invalid settings, 2 bad input file,
/// 3 database problem (unreachable, not migrated, another import running), 4 no dataset yet (status),
/// 5 a download failed (sync).
/// </summary>
public static class IngestCli
{
    public const int BadInput = 2;
    public const int DatabaseProblem = 3;
    public const int NoDataset = 4;
    public const int DownloadFailed = 5;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var connection = new Option<string?>("--connection")
        {
            Description = "PostgreSQL connection string of the database owner (default: the ConnectionStrings__OpenData environment variable)",
            Recursive = true,
        };
        var root = new RootCommand("OpenData importer: loads the Senate's questions and senators files into the API's database.")
        {
            Options = { connection },
            Subcommands =
            {
                MigrateCommand.Create(connection, output),
                ImportCommand.Create(connection, output),
                GenerateCommand.Create(output),
                StatusCommand.Create(connection, output),
                SyncCommand.Create(connection, output),
                ApiKeyCommand.Create(connection, output),
            },
        };

        try
        {
            var parsed = root.Parse(args);
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (SourceFormatException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            await error.WriteLineAsync("nothing was changed: the previous dataset is still served");
            return BadInput;
        }
        catch (DownloadException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            await error.WriteLineAsync("nothing was changed: the previous files and the previous dataset are kept");
            return DownloadFailed;
        }
        catch (OptionsValidationException e)
        {
            foreach (var failure in e.Failures) await error.WriteLineAsync($"error: {failure}");
            return 1;
        }
        catch (Exception e) when (e is ImportException or NpgsqlException or InvalidOperationException { Source: "Npgsql" } or ArgumentException)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return DatabaseProblem;
        }
    }

    internal static string ConnectionString(ParseResult result, Option<string?> option) =>
        result.GetValue(option) ?? Environment.GetEnvironmentVariable("ConnectionStrings__OpenData")
        ?? throw new ImportException("no database given: pass --connection or set ConnectionStrings__OpenData");
}
