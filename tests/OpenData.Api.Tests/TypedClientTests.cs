using System.Diagnostics;
using OpenData.Api.Tests.Abuse;

namespace OpenData.Api.Tests;

/// <summary>
/// Integrators' clients, made from the committed contract as they would make them, reading five endpoints' answers
/// without a cast against a real server: in TypeScript, openapi-typescript generates the types, openapi-fetch makes the
/// requests, and tools/client-check/check.ts compiles in strict mode only if the contract says what each answer always
/// holds; in C#, Kiota (the dotnet tool of .config/dotnet-tools.json) generates the client tools/client-check-cs uses. For
/// GraphQL, graphql-codegen types tools/graphql-client-check's operations from the schema the server serves.
/// </summary>
[StartsFirst]
public sealed class TypedClientTests(DatasetFixture fixture) : IClassFixture<DatasetFixture>
{
    [Fact]
    public async Task A_typescript_client_generated_from_the_contract_compiles_strictly_and_reads_five_endpoints()
    {
        var tools = Path.Combine(ContractTests.RepositoryRoot(), "tools");
        await RunAsync(tools, "node_modules/.bin/openapi-typescript", "../openapi/v1.json", "-o", "client-check/v1.d.ts");
        await RunAsync(tools, "node_modules/.bin/tsc", "-p", "client-check");
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString);
        var output = await RunAsync(Path.Combine(tools, "client-check"), "node", "dist/check.js", api.BaseAddress.ToString().TrimEnd('/'));
        Assert.Contains("5 endpoints read without casts", output);
    }

    [Fact]
    public async Task A_csharp_client_generated_by_kiota_from_the_contract_compiles_and_reads_five_endpoints()
    {
        var root = ContractTests.RepositoryRoot();
        var project = Path.Combine(root, "tools", "client-check-cs");
        await RunAsync(root, "dotnet", "tool", "restore");
        await RunAsync(root, "dotnet", "kiota", "generate", "--language", "CSharp", "--openapi", "openapi/v1.json", "--class-name", "OpenDataClient",
            "--namespace-name", "OpenData.ClientCheck.Generated", "--output", "tools/client-check-cs/Generated", "--clean-output", "--log-level", "Error");
        await RunAsync(project, "dotnet", "build", "-nologo", "-v", "quiet", "-o", "bin/check");
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString);
        var output = await RunAsync(project, "dotnet", "bin/check/ClientCheck.dll", api.BaseAddress.ToString().TrimEnd('/'));
        Assert.Contains("5 endpoints read without casts", output);
    }

    [Fact]
    public async Task A_typescript_graphql_client_typed_by_graphql_codegen_from_the_served_schema_compiles_strictly_and_reads_five_operations()
    {
        var tools = Path.Combine(ContractTests.RepositoryRoot(), "tools");
        var check = Path.Combine(tools, "graphql-client-check");
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString);
        var url = api.BaseAddress.ToString().TrimEnd('/');
        // The types come from the running server's introspection, not from the committed file.
        await RunWithAsync(check, "../node_modules/.bin/graphql-codegen", new() { ["API"] = url }, "--config", "codegen.ts", "--silent");
        await RunAsync(tools, "node_modules/.bin/tsc", "-p", "graphql-client-check");
        var output = await RunAsync(check, "node", "dist/check.js", url);
        Assert.Contains("5 operations typed by graphql-codegen, read without casts", output);
    }

    private static Task<string> RunAsync(string directory, string command, params string[] arguments) => RunWithAsync(directory, command, [], arguments);

    private static async Task<string> RunWithAsync(string directory, string command, Dictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(command.Contains("node_modules/", StringComparison.Ordinal) ? Path.GetFullPath(Path.Combine(directory, command)) : command, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {command} (npm install --prefix tools)");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{command} {string.Join(' ', arguments)}: exit {process.ExitCode}\n{await output}\n{await error}");
        return await output;
    }
}
