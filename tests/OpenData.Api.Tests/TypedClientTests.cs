using System.Diagnostics;
using OpenData.Api.Tests.Abuse;

namespace OpenData.Api.Tests;

/// <summary>
/// An integrator's TypeScript client, made from the committed contract as they would make it: openapi-typescript
/// generates the types, openapi-fetch makes the requests, and tools/client-check/check.ts reads five endpoints' answers
/// without a cast (it compiles, in strict mode, only if the contract says what each answer always holds), then runs
/// against a real server.
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
