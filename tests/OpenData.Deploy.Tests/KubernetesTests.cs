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
            Assert.True(ConfigurationKeys.IngestVariables.Contains(variable) || script.Contains("${" + variable), variable);
        Assert.Equal("owner-connection-string", Str(List(import, "env").Single(e => Str(e, "name") == "ConnectionStrings__OpenData"), "valueFrom", "secretKeyRef", "key"));
        // The fetch step reads its sources from the import ConfigMap: every key is used by its script.
        var fetch = Map(List(pod, "initContainers").Single());
        var fetchScript = string.Join('\n', List(fetch, "command").Cast<string>());
        var sources = Map(Kubernetes("ConfigMap", "opendata-import"), "data");
        Assert.Equal("opendata-import", Str(List(fetch, "envFrom").Single(), "configMapRef", "name"));
        Assert.All(sources.Keys.Cast<string>(), key => Assert.Contains("$" + key, fetchScript));
        Assert.Equal("/archive/current", Str(List(import, "env").Single(e => Str(e, "name") == "IMPORT_DIR"), "value"));
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
