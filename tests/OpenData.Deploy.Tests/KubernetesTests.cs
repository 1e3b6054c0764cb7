using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using OpenData.Ingest.Sync;
using static OpenData.Deploy.Tests.DeployFiles;

namespace OpenData.Deploy.Tests;

/// <summary>deploy/k8s against the Dockerfile, the API's endpoints and settings, and each other.</summary>
public sealed class KubernetesTests
{
    private readonly Dictionary<object, object> deployment = Kubernetes("Deployment", "opendata-api");
    private readonly Dictionary<object, object> settings = Map(Kubernetes("ConfigMap", "opendata-api"), "data");

    private Dictionary<object, object> Api => Map(List(deployment, "spec", "template", "spec", "containers").Single());

    private int Port(string name) => int.Parse(Str(List(Api, "ports").Single(p => Str(p, "name") == name), "containerPort")!);

    [Fact]
    public void Probes_call_the_health_endpoints_on_the_management_port()
    {
        Assert.Equal("/health/ready", Str(Api, "readinessProbe", "httpGet", "path"));
        Assert.Equal("/health/live", Str(Api, "livenessProbe", "httpGet", "path"));
        Assert.Equal("/health/live", Str(Api, "startupProbe", "httpGet", "path"));
        foreach (var probe in new[] { "readinessProbe", "livenessProbe", "startupProbe" })
            Assert.Equal("management", Str(Api, probe, "httpGet", "port"));
        Assert.Equal(int.Parse((string)settings["Management__Port"]), Port("management"));
        Assert.Equal(int.Parse((string)settings["ASPNETCORE_HTTP_PORTS"]), Port("http"));
        var openapi = Text("openapi/v1.json");
        Assert.Contains("\"/health/live\"", openapi);
        Assert.Contains("\"/health/ready\"", openapi);
        Assert.Equal(((string)settings["Management__Port"]), Str(deployment, "spec", "template", "metadata", "annotations", "prometheus.io/port"));
    }

    [Fact]
    public void Only_the_api_port_is_published_through_the_service_and_the_ingress()
    {
        var service = Kubernetes("Service", "opendata-api");
        var port = Assert.Single(List(service, "spec", "ports"));
        Assert.Equal("http", Str(port, "targetPort"));
        Assert.Equal(Map(deployment, "spec", "selector", "matchLabels"), Map(service, "spec", "selector"));
        var backend = Map(List(List(Kubernetes("Ingress", "opendata-api"), "spec", "rules").Single(), "http", "paths").Single(), "backend", "service");
        Assert.Equal("opendata-api", backend["name"]);
        Assert.Equal(Str(port, "name"), Str(backend, "port", "name"));
    }

    [Fact]
    public void Stopping_a_pod_lets_its_requests_finish_after_it_left_the_service()
    {
        var pause = List(Api, "lifecycle", "preStop", "exec", "command").Cast<string>().ToList();
        Assert.Equal("sleep", pause[0]);
        var grace = int.Parse(Str(deployment, "spec", "template", "spec", "terminationGracePeriodSeconds")!);
        Assert.True(grace > int.Parse(pause[1]) + int.Parse((string)settings["ShutdownSeconds"]), $"grace {grace} s");
        Assert.NotNull(At(Api, "resources", "requests", "cpu"));
        Assert.NotNull(At(Api, "resources", "limits", "memory"));
        Assert.Equal("1", Str(Kubernetes("PodDisruptionBudget", "opendata-api"), "spec", "maxUnavailable"));
        Assert.Equal("opendata-api", Str(Kubernetes("HorizontalPodAutoscaler", "opendata-api"), "spec", "scaleTargetRef", "name"));
    }

    [Fact]
    public void The_api_reads_only_settings_it_knows_with_connection_strings_from_secrets()
    {
        var names = List(Api, "env").Select(e => Str(e, "name")!).Concat(settings.Keys.Cast<string>()).ToList();
        Assert.All(names, name => Assert.True(ConfigurationKeys.IsApiSetting(name), $"{name} is not a setting the API reads"));
        foreach (var name in new[] { "ConnectionStrings__OpenData", "ConnectionStrings__Redis" })
            Assert.NotNull(At(List(Api, "env").Single(e => Str(e, "name") == name), "valueFrom", "secretKeyRef", "key"));
        Assert.Equal("opendata-api", Str(List(Api, "envFrom").Single(), "configMapRef", "name"));
    }

    [Fact]
    public void Images_are_named_after_the_dockerfile_targets()
    {
        var stages = Dockerfile.Load().Stages.Select(s => s.Name).ToList();
        var kustomization = Yaml(InDeploy("k8s/kustomization.yaml")).Single();
        foreach (var image in List(kustomization, "images").Select(i => Str(i, "name")!))
            Assert.Contains(image["opendata-".Length..], stages);
        Assert.Equal("opendata-api", Str(Api, "image"));
        var job = Map(Kubernetes("CronJob", "opendata-import"), "spec", "jobTemplate", "spec", "template", "spec");
        Assert.All(List(job, "containers").Concat(List(job, "initContainers")), c => Assert.Equal("opendata-ingest", Str(c, "image")));
        var resources = List(kustomization, "resources").Cast<string>().ToList();
        Assert.All(Directory.GetFiles(InDeploy("k8s"), "*.yaml").Select(Path.GetFileName), file =>
            Assert.True(file is "kustomization.yaml" or "secret.example.yaml" || resources.Contains(file!), $"{file} is not in kustomization.yaml"));
    }

    [Fact]
    public void The_nightly_import_runs_the_import_job_one_at_a_time_with_the_owner_connection()
    {
        var cronJob = Kubernetes("CronJob", "opendata-import");
        Assert.Equal("Forbid", Str(cronJob, "spec", "concurrencyPolicy"));
        var pod = Map(cronJob, "spec", "jobTemplate", "spec", "template", "spec");
        var import = Map(List(pod, "containers").Single());
        Assert.Equal(["/app/import.sh"], List(import, "command"));
        var script = Text("deploy/import.sh");
        foreach (var variable in List(import, "env").Select(e => Str(e, "name")!))
            Assert.True(ConfigurationKeys.IsIngestSetting(variable) || script.Contains("${" + variable), variable);
        Assert.Equal("owner-connection-string", Str(List(import, "env").Single(e => Str(e, "name") == "ConnectionStrings__OpenData"), "valueFrom", "secretKeyRef", "key"));
        // The sync's sources come from the import ConfigMap: every key is a setting of the importer or a variable of its script.
        Assert.Empty(List(pod, "initContainers"));
        Assert.Equal("opendata-import", Str(List(import, "envFrom").Single(), "configMapRef", "name"));
        var sources = Map(Kubernetes("ConfigMap", "opendata-import"), "data");
        Assert.All(sources.Keys.Cast<string>(), key => Assert.True(ConfigurationKeys.IsIngestSetting(key) || script.Contains("${" + key), key));
        Assert.Contains("Sync__QuestionsUrl", sources.Keys.Cast<string>());
        Assert.Contains("ingest sync --dir \"$SYNC_DIR\"", script);
        Assert.Equal("/archive/sources", Str(List(import, "env").Single(e => Str(e, "name") == "SYNC_DIR"), "value"));
        var archive = List(import, "volumeMounts").Single(m => Str(m, "name") == "archive");
        Assert.Equal(Str(List(import, "env").Single(e => Str(e, "name") == "ARCHIVE_DIR"), "value"), Str(archive, "mountPath"));
        Assert.Null(At(archive, "readOnly")); // the sync writes its files there
    }

    [Fact]
    public void The_sync_settings_of_the_import_config_map_bind_and_validate_as_the_importer_reads_them()
    {
        var data = Map(Kubernetes("ConfigMap", "opendata-import"), "data");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(data.Select(d => KeyValuePair.Create(((string)d.Key).Replace("__", ":", StringComparison.Ordinal), (string?)d.Value)))
            .Build();
        var options = configuration.GetSection(SyncOptions.Section).Get<SyncOptions>()!;
        options.Directory = "/archive/sources"; // from --dir
        var failures = new List<ValidationResult>();
        Assert.True(Validator.TryValidateObject(options, new ValidationContext(options), failures, validateAllProperties: true), string.Join("; ", failures));
        // The ConfigMap spells out the importer's defaults (data.senat.fr's links), so that they can be seen and changed there.
        var defaults = new SyncOptions();
        Assert.Equal(
            [defaults.QuestionsUrl, defaults.SenatorsUrl, defaults.GroupsUrl, defaults.ExtractUrl, defaults.TimeoutSeconds.ToString(CultureInfo.InvariantCulture)],
            [options.QuestionsUrl, options.SenatorsUrl, options.GroupsUrl, options.ExtractUrl, options.TimeoutSeconds.ToString(CultureInfo.InvariantCulture)]);
        Assert.Equal(["questions", "senators", "groups", "extract"], options.Links().Select(l => l.Role));
    }

    [Fact]
    public void Network_policy_admits_the_ingress_on_the_api_port_and_monitoring_on_the_management_port_only()
    {
        var policy = Kubernetes("NetworkPolicy", "opendata-api");
        Assert.Equal(Map(deployment, "spec", "selector", "matchLabels"), Map(policy, "spec", "podSelector", "matchLabels"));
        var rules = List(policy, "spec", "ingress")
            .Select(r => (From: Str(List(r, "from").Single(), "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name"), Port: Str(List(r, "ports").Single(), "port")))
            .ToList();
        Assert.Equal([("ingress-nginx", "http"), ("monitoring", "management")], rules);
        var egressPorts = List(policy, "spec", "egress").SelectMany(r => List(r, "ports")).Select(p => Str(p, "port")).Distinct().Order();
        Assert.Equal(["53", "5432", "6379"], egressPorts);
    }
}
