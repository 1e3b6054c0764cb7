using System.Text.RegularExpressions;
using static OpenData.Deploy.Tests.DeployFiles;

namespace OpenData.Deploy.Tests;

/// <summary>deploy/compose.yaml against the Dockerfile, nginx.conf and the settings the code reads.</summary>
public sealed class ComposeTests
{
    private readonly Dictionary<object, object> services = Map(Yaml(InDeploy("compose.yaml")).Single(), "services");
    private readonly Dockerfile dockerfile = Dockerfile.Load();

    [Fact]
    public void Every_yaml_file_under_deploy_parses()
    {
        var files = Directory.GetFiles(Path.Combine(Root, "deploy"), "*.y*ml", SearchOption.AllDirectories);
        Assert.True(files.Length >= 10, $"{files.Length} YAML files");
        Assert.All(files, file => Assert.Contains(Yaml(file), document => document is not null));
    }

    [Fact]
    public void Each_service_built_here_uses_a_dockerfile_target_and_the_image_named_after_it()
    {
        var built = services.Where(s => At(s.Value, "build") is not null).ToList();
        Assert.Equal(["api-1", "api-2", "ingest"], built.Select(s => (string)s.Key).Order());
        foreach (var (name, service) in built)
        {
            var target = Str(service, "build", "target")!;
            Assert.Contains(dockerfile.Stages, stage => stage.Name == target);
            Assert.StartsWith($"opendata-{target}:", Str(service, "image"));
            Assert.True(File.Exists(Path.Combine(Root, "deploy", Str(service, "build", "context")!, Str(service, "build", "dockerfile")!)), $"{name}: no Dockerfile there");
        }
    }

    [Fact]
    public void The_replicas_are_the_upstreams_of_nginx_which_alone_publishes_a_port_and_is_their_trusted_proxy()
    {
        var nginx = Text("deploy/nginx.conf");
        var apiPort = Dockerfile.Environment(dockerfile["api"])["ASPNETCORE_HTTP_PORTS"];
        foreach (var replica in new[] { "api-1", "api-2" })
        {
            Assert.Contains($"server {replica}:{apiPort} ", nginx);
            var environment = Map(services[replica], "environment");
            Assert.Equal(Str(services["nginx"], "networks", "backend", "ipv4_address"), environment["RateLimiting__TrustedProxies__0"]);
            Assert.Equal(Dockerfile.Environment(dockerfile["api"])["Management__Port"], environment["Management__Port"]);
            Assert.Null(At(services[replica], "ports"));
        }
        var published = Assert.Single(List(services["nginx"], "ports")) as string;
        Assert.Matches($@":{Regex.Match(nginx, @"listen (\d+);").Groups[1].Value}$", published);
        Assert.Equal(["nginx"], services.Where(s => At(s.Value, "ports") is not null).Select(s => (string)s.Key));
        Assert.Contains("./nginx.conf:/etc/nginx/nginx.conf:ro", List(services["nginx"], "volumes"));
    }

    [Fact]
    public void The_environment_of_each_container_holds_only_settings_its_program_reads()
    {
        foreach (var replica in new[] { "api-1", "api-2" })
            Assert.All(Map(services[replica], "environment").Keys.Cast<string>(), name => Assert.True(ConfigurationKeys.IsApiSetting(name), $"{replica}: {name}"));
        var importScript = Text("deploy/import.sh");
        Assert.Equal(["/app/import.sh"], List(services["ingest"], "command"));
        Assert.All(Map(services["ingest"], "environment").Keys.Cast<string>(), name =>
            Assert.True(ConfigurationKeys.IsIngestSetting(name) || importScript.Contains("${" + name), $"ingest: {name}"));
        var initScript = Text("deploy/postgres-init.sh");
        Assert.All(Map(services["postgres"], "environment").Keys.Cast<string>(), name =>
            Assert.True(name.StartsWith("POSTGRES_", StringComparison.Ordinal) || initScript.Contains("$" + name), $"postgres: {name}"));
    }

    [Fact]
    public void The_ingest_job_syncs_into_a_writable_archive_volume_the_importer_image_lets_its_user_write()
    {
        var ingest = services["ingest"];
        var environment = Map(ingest, "environment");
        var archive = (string)environment["ARCHIVE_DIR"];
        Assert.Contains($"archive:{archive}", List(ingest, "volumes").Cast<string>()); // a named volume, not read-only
        Assert.Contains("archive", Map(Yaml(InDeploy("compose.yaml")).Single(), "volumes").Keys.Cast<string>());
        // SYNC_DIR is set only when OPENDATA_SYNC is, to a folder of the archive volume (hard links need the same file system).
        Assert.Equal("${OPENDATA_SYNC:+" + archive + "/sources}", environment["SYNC_DIR"]);
        var script = Text("deploy/import.sh");
        Assert.Contains("ingest sync --dir \"$SYNC_DIR\"", script);
        Assert.Contains("day=\"$ARCHIVE_DIR/$(date +%F)\"", script);
        // A new named volume takes the owner of the image's directory: the importer's user must be able to write it.
        Assert.Contains($"mkdir {archive} && chown \"$APP_UID\" {archive}", dockerfile["ingest"].All("RUN"));
        Assert.Equal("$APP_UID", dockerfile["ingest"].Last("USER"));
    }

    [Fact]
    public void PostgreSQL_gets_the_roles_the_readme_names_and_the_tuned_settings()
    {
        var volumes = List(services["postgres"], "volumes").Cast<string>().ToList();
        Assert.Contains("./postgres-init.sh:/docker-entrypoint-initdb.d/10-opendata.sh:ro", volumes);
        Assert.Contains("./postgresql.conf:/etc/postgresql/opendata.conf:ro", volumes);
        var init = Text("deploy/postgres-init.sh");
        Assert.Contains("include '/etc/postgresql/opendata.conf'", init);
        foreach (var statement in new[] { "CREATE ROLE opendata_owner LOGIN", "CREATE ROLE opendata_reader LOGIN", "CREATE DATABASE opendata OWNER opendata_owner" })
            Assert.Contains(statement, init);
    }
}
