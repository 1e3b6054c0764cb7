using System.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace OpenData.Deploy.Tests;

/// <summary>The repository's files, YAML read into plain dictionaries and lists, and small helpers to walk them.</summary>
public static class DeployFiles
{
    public static string Root { get; } = FindRoot();

    public static string InDeploy(string relative) => Path.Combine(Root, "deploy", relative);

    public static string Text(string relativeToRoot) => File.ReadAllText(Path.Combine(Root, relativeToRoot));

    /// <summary>Every document of a YAML file (merge keys and anchors resolved); mappings are dictionaries, sequences lists, scalars strings.</summary>
    public static IReadOnlyList<object?> Yaml(string path)
    {
        using var reader = File.OpenText(path);
        var parser = new MergingParser(new Parser(reader));
        var deserializer = new DeserializerBuilder().Build();
        parser.Consume<StreamStart>();
        var documents = new List<object?>();
        while (parser.Accept<DocumentStart>(out _)) documents.Add(deserializer.Deserialize<object?>(parser));
        return documents;
    }

    /// <summary>The Kubernetes objects of deploy/k8s, by kind and name.</summary>
    public static IReadOnlyList<Dictionary<object, object>> KubernetesObjects() =>
        Directory.GetFiles(InDeploy("k8s"), "*.yaml").SelectMany(Yaml).OfType<Dictionary<object, object>>()
            .Where(o => o.ContainsKey("kind") && o.ContainsKey("apiVersion")).ToList();

    public static Dictionary<object, object> Kubernetes(string kind, string name) =>
        KubernetesObjects().Single(o => Str(o, "kind") == kind && Str(o, "metadata", "name") == name && !IsExample(o));

    private static bool IsExample(Dictionary<object, object> o) => Str(o, "kind") == "Secret";

    public static object? At(object? node, params object[] path)
    {
        foreach (var step in path)
            node = (node, step) switch
            {
                (Dictionary<object, object> map, string key) => map.GetValueOrDefault(key),
                (List<object> list, int index) => index < list.Count ? list[index] : null,
                _ => null,
            };
        return node;
    }

    public static string? Str(object? node, params object[] path) => At(node, path) as string;

    public static Dictionary<object, object> Map(object? node, params object[] path) =>
        At(node, path) as Dictionary<object, object> ?? throw new Xunit.Sdk.XunitException($"no mapping at {string.Join('.', path)}");

    public static List<object> List(object? node, params object[] path) => At(node, path) as List<object> ?? [];

    /// <summary>Runs a program to its end; returns its exit code and everything it printed.</summary>
    public static (int ExitCode, string Output) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error.Result);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "OpenData.Api.sln"))) return directory.FullName;
        throw new InvalidOperationException("the repository root (OpenData.Api.sln) is not above the test's directory");
    }
}
