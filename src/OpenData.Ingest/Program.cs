using OpenData.Ingest.Cli;

return await IngestCli.RunAsync(args, Console.Out, Console.Error);
