using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace OpenData.Deploy.Tests;

/// <summary>deploy/Dockerfile, read (no Docker engine here): what can be checked without building it.</summary>
public sealed class DockerfileTests
{
    private readonly Dockerfile dockerfile = Dockerfile.Load();

    [Fact]
    public void The_sdk_builds_and_the_api_and_ingest_images_run_on_runtime_images_as_a_non_root_user()
    {
        Assert.Contains("/dotnet/sdk:", dockerfile["build"].From);
        Assert.Equal("api", dockerfile.Stages[^1].Name); // the default target
        foreach (var (stage, runtime) in new[] { ("api", "/dotnet/aspnet:"), ("ingest", "/dotnet/runtime:") })
        {
            var image = dockerfile[stage];
            Assert.Contains(runtime, image.From);
            Assert.DoesNotContain("sdk", image.From);
            var user = image.Last("USER");
            Assert.NotNull(user);
            Assert.DoesNotMatch("^(root|0)(:.*)?$", user);
            // Only published output (and GraphiQL's files) comes from the other stages: no SDK, no sources.
            foreach (var copy in image.All("COPY").Where(c => c.Contains("--from=build")))
                Assert.Matches(@"--from=build /out/\w+ ", copy);
        }
    }

    [Theory]
    [InlineData("api", "src/OpenData.Api/OpenData.Api.csproj")]
    [InlineData("ingest", "src/OpenData.Ingest/OpenData.Ingest.csproj")]
    public void Each_image_starts_the_assembly_its_project_publishes(string stage, string project)
    {
        var assembly = XDocument.Parse(DeployFiles.Text(project)).Descendants("AssemblyName").SingleOrDefault()?.Value
            ?? Path.GetFileNameWithoutExtension(project);
        var image = dockerfile[stage];
        var output = Regex.Match(dockerfile["build"].Last("RUN")!, $@"dotnet publish {Regex.Escape(project)} .*?-o (/out/\w+)").Groups[1].Value;
        Assert.NotEmpty(output);
        Assert.Contains(image.All("COPY"), copy => copy == $"--from=build {output} ./");
        Assert.Equal("/app", image.Last("WORKDIR"));
        Assert.Equal($"[\"dotnet\", \"/app/{assembly}.dll\"]", image.Last("ENTRYPOINT"));
        Assert.True(File.Exists(Path.Combine(DeployFiles.Root, project)));
    }

    [Fact]
    public void The_api_image_serves_on_8080_with_its_health_check_on_the_management_port()
    {
        var api = dockerfile["api"];
        var environment = Dockerfile.Environment(api);
        Assert.All(environment.Keys, name => Assert.True(ConfigurationKeys.IsApiSetting(name), $"{name} is not a setting the API reads"));
        var ports = api.All("EXPOSE").SelectMany(e => e.Split(' ')).ToList();
        Assert.Equal([environment["ASPNETCORE_HTTP_PORTS"], environment["Management__Port"]], ports);
        var healthcheck = api.Last("HEALTHCHECK")!;
        Assert.Contains("http://127.0.0.1:${Management__Port:-8080}/health/live", healthcheck);
        Assert.Contains("/health/live", DeployFiles.Text("openapi/v1.json"));
    }

    [Fact]
    public void The_importer_image_holds_the_import_job_script()
    {
        Assert.Contains("--chmod=755 deploy/import.sh /app/import.sh", dockerfile["ingest"].All("COPY"));
        Assert.True(File.Exists(DeployFiles.InDeploy("import.sh")));
    }

    [Fact]
    public void GraphiQL_comes_from_npm_at_the_versions_tools_package_json_pins()
    {
        Assert.Contains("COPY tools/package.json /tmp/tools-package.json", dockerfile["ide"].All("COPY").Select(c => "COPY " + c));
        Assert.Contains("--from=ide /ide/node_modules ./tools/node_modules", dockerfile["api"].All("COPY"));
        var install = dockerfile["ide"].Last("RUN")!;
        foreach (var package in new[] { "'graphiql'", "'react'", "'react-dom'" }) Assert.Contains(package, install);
    }
}
