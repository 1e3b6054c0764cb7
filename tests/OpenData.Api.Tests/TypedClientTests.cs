using System.Diagnostics;
using OpenData.Api.Tests.Abuse;

namespace OpenData.Api.Tests;

/// <summary>
/// Integrators' clients, made from the committed contract as they would make them, reading five endpoints' answers
/// without a cast against a real server: in TypeScript, openapi-typescript generates the types, openapi-fetch makes the
/// requests, and tools/client-check/check.ts compiles in strict mode only if the contract says what each answer always
/// holds; in C#, Kiota (the dotnet tool of .config/dotnet-tools.json) generates the client tools/client-check-cs uses.
/// </summary>
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

    private static async Task<string> RunAsync(string directory, string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command.StartsWith("node_modules", StringComparison.Ordinal) ? Path.Combine(directory, command) : command, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {command} (npm install --prefix tools)");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{command} {string.Join(' ', arguments)}: exit {process.ExitCode}\n{await output}\n{await error}");
        return await output;
    }
}
